# Flattens the bias to shape (n_out,) before adding it, so numpy broadcasts it along the samples axis instead of down the units.
import numpy as np

ACTIVATIONS = {
    "identity": lambda z: z,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
}


def layer_forward(W, b, A_prev, activation):
    Z = W @ A_prev
    if b is not None:
        Z = Z + b.ravel()
    return Z, ACTIVATIONS[activation](Z)
