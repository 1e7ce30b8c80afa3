# Calls the sigmoid slope on a instead of z, σ′(a) = σ(a)(1 − σ(a)), passing the output through σ twice (the bug of many "my network doesn't learn" Stack Overflow questions).
"""Step ex11: the gradients of a sigmoid neuron, a = σ(w · x + b).

Edit this file, then run `learn check ex11`.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def sigmoid_neuron_gradients(w, b, x, y):
    """Return (dC_dw, dC_db) for the cost C = (a − y)², where a = σ(w · x + b)."""
    z = w * x + b
    a = sigmoid(z)
    dC_dz = 2 * (a - y) * sigmoid_prime(a)
    return dC_dz * x, dC_dz
