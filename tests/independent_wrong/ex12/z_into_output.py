# Feeds the hidden weighted inputs z (before the sigmoid) to the output instead of the activations h.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tiny_forward(x, W, b, v, c):
    """Return (h, a)."""
    z = np.zeros(2)
    h = np.zeros(2)
    for j in range(2):
        z[j] = W[j, 0] * x[0] + W[j, 1] * x[1] + W[j, 2] * x[2] + b[j]
        h[j] = sigmoid(z[j])
    a = v[0] * z[0] + v[1] * z[1] + c
    return h, a
