# Multiplies the weight's gradient by the neuron's own output a instead of its input x, half-remembering "gradient = delta times activation" from layered notes.
"""Step ex11: the gradients of a sigmoid neuron, a = σ(w · x + b).

Edit this file, then run `learn check ex11`.
"""

import numpy as np


def sigmoid_neuron_gradients(w, b, x, y):
    """Return (dC_dw, dC_db) for the cost C = (a − y)², where a = σ(w · x + b)."""
    z = w * x + b
    a = 1 / (1 + np.exp(-z))
    delta = 2 * (a - y) * a * (1 - a)
    return delta * a, delta
