# Multiplies by W.T, reading W as (n_in, n_out) (the "w_kj" index order of some texts); it only runs when the layer is square, and is wrong there.
import numpy as np

ACTIVATIONS = {
    "identity": lambda z: z,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
}


def layer_forward(W, b, A_prev, activation):
    Z = W.T @ A_prev
    if b is not None:
        Z = Z + b
    return Z, ACTIVATIONS[activation](Z)
