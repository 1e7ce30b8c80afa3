# Adds the hidden bias after the sigmoid, h = sigma(w.x) + b, instead of inside it.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tiny_forward(x, W, b, v, c):
    """Return (h, a)."""
    h = np.zeros(2)
    for j in range(2):
        s = 0.0
        for k in range(3):
            s += W[j, k] * x[k]
        h[j] = sigmoid(s) + b[j]
    a = v[0] * h[0] + v[1] * h[1] + c
    return h, a
