# Puts a sigmoid on the output unit too, as in Nielsen's all-sigmoid networks, although this output is linear.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tiny_forward(x, W, b, v, c):
    """Return (h, a)."""
    h = np.zeros(2)
    for j in range(2):
        h[j] = sigmoid(W[j, 0] * x[0] + W[j, 1] * x[1] + W[j, 2] * x[2] + b[j])
    a = sigmoid(v[0] * h[0] + v[1] * h[1] + c)
    return h, a
