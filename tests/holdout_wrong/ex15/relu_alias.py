# Writes the ReLU as `A = Z; A[A < 0] = 0`, a copy that is not one: zeroing A also zeroes the negative entries of the Z it returns.
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
    Z = W @ A_prev
    if b is not None:
        Z = Z + b
    if activation == "relu":
        A = Z
        A[A < 0] = 0
    else:
        A = ACTIVATIONS[activation](Z)
    return Z, A
