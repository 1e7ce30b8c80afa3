# Right: every scalar spelled out by name, as in the README.
import numpy as np


def tiny_forward(x, W, b, v, c):
    """Return (h, a)."""
    x1, x2, x3 = x[0], x[1], x[2]
    z1 = W[0, 0] * x1 + W[0, 1] * x2 + W[0, 2] * x3 + b[0]
    z2 = W[1, 0] * x1 + W[1, 1] * x2 + W[1, 2] * x3 + b[1]
    h1 = 1.0 / (1.0 + np.exp(-z1))
    h2 = 1.0 / (1.0 + np.exp(-z2))
    a = v[0] * h1 + v[1] * h2 + c
    return np.array([h1, h2]), float(a)
