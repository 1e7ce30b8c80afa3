"""Step ex15: a layer's forward pass for a whole batch at once.

Edit this file, then run `learn check ex15`.
"""

import numpy as np

# The activations you know from Stage D, ready to use: ACTIVATIONS["sigmoid"](Z) and so on.
ACTIVATIONS = {
    "identity": lambda z: z,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
}


def layer_forward(W, b, A_prev, activation):
    """Return (Z, A) for one layer and a whole batch.

    W:          weights, shape (n_out, n_in); row j holds the weights into unit j
    b:          biases, shape (n_out, 1), or None for a layer without biases
    A_prev:     the previous layer's activations, shape (n_in, m): one column per sample
    activation: "identity", "sigmoid", "tanh" or "relu"

    Z and A both have shape (n_out, m). Example (W 2x3, m = 2) in the instructions.
    """
    raise NotImplementedError("write the layer's forward pass here")
