# Passes the activation a into a sigmoid_prime(z) helper, so the sigmoid is applied twice (sigma'(a) instead of sigma'(z)).
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def sigmoid_neuron_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    z = w * x + b
    a = sigmoid(z)
    delta = 2 * (a - y) * sigmoid_prime(a)
    return delta * x, delta
