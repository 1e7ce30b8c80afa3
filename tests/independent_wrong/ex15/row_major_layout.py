# Uses the samples-as-rows convention of Keras/PyTorch, A_prev.T @ W.T, which returns (m, n_out) instead of (n_out, m).
import numpy as np

ACTIVATIONS = {
    "identity": lambda z: z,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
}


def layer_forward(W, b, A_prev, activation):
    Z = A_prev.T @ W.T
    if b is not None:
        Z = Z + b.T
    return Z, ACTIVATIONS[activation](Z)
