# Writes the CS231n rows-as-samples forward pass X @ W.T + b.T, which returns (m, n_out) instead of this course's (n_out, m).
"""Step ex15: a layer's forward pass for a whole batch at once.

Edit this file, then run `learn check ex15`.
"""

import numpy as np

ACTIVATIONS = {
    "identity": lambda z: z,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
}


def layer_forward(W, b, A_prev, activation):
    """Return (Z, A) for one layer and a whole batch."""
    Z = A_prev.T @ W.T
    if b is not None:
        Z = Z + b.T
    return Z, ACTIVATIONS[activation](Z)
