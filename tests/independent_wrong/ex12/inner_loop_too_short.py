# Off-by-one: the inner loop runs over range(len(b)) (2) instead of the 3 inputs, so x3 never reaches the hidden units.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tiny_forward(x, W, b, v, c):
    """Return (h, a)."""
    h = np.zeros(len(b))
    for j in range(len(b)):
        z = b[j]
        for k in range(len(b)):
            z += W[j, k] * x[k]
        h[j] = sigmoid(z)
    a = v[0] * h[0] + v[1] * h[1] + c
    return h, a
