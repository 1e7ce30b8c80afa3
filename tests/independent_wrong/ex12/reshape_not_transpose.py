# Wants the weights as (inputs, units) and uses W.reshape(3, 2) instead of W.T, which scrambles which weight goes with which input (a frequent numpy question on Stack Overflow).
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tiny_forward(x, W, b, v, c):
    """Return (h, a)."""
    Wk = W.reshape(3, 2)          # meant: row k = weights out of input k
    h = np.zeros(2)
    for j in range(2):
        z = b[j]
        for k in range(3):
            z += Wk[k, j] * x[k]
        h[j] = sigmoid(z)
    a = v[0] * h[0] + v[1] * h[1] + c
    return h, a
