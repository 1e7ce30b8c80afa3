# Adds the hidden bias inside the loop over the three inputs, so each unit gets its bias three times (a step done once per input instead of once per unit).
"""Step ex12: the forward pass of a tiny network, 3 inputs, 2 sigmoid hidden units, 1 output.

Edit this file, then run `learn check ex12`.
"""

import numpy as np


def tiny_forward(x, W, b, v, c):
    """Return (h, a): the two hidden activations and the network's output."""
    h = np.zeros(2)
    for j in range(2):
        z = 0.0
        for k in range(3):
            z += W[j, k] * x[k] + b[j]
        h[j] = 1 / (1 + np.exp(-z))
    a = v[0] * h[0] + v[1] * h[1] + c
    return h, a
