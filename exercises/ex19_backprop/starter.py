"""Step ex19: full backpropagation for any depth, any activations, with or without biases.

Edit this file, then run `learn check ex19`.
"""

import numpy as np

from ex15_layer_forward import layer_forward  # your ex15 (the grader uses a reference copy)

# Each activation's derivative f'(z), ready to use: PRIMES["sigmoid"](Z) and so on.
PRIMES = {
    "identity": lambda z: np.ones_like(z),
    "sigmoid": lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z))),
    "tanh": lambda z: 1 - np.tanh(z) ** 2,
    "relu": lambda z: (z > 0).astype(float),
}


def backprop(weights, biases, activations, X, Y):
    """Return (deltas, grad_w, grad_b) for the batch X, Y, with C = ½‖y − a‖² averaged.

    weights:     list of L matrices, weights[l] of shape (n_(l+1), n_l)
    biases:      list of L arrays of shape (n_(l+1), 1), or None (a network without biases)
    activations: list of L names ("identity", "sigmoid", "tanh", "relu"), one per layer
    X, Y:        inputs (n_0, m) and targets (n_L, m), one column per sample

    deltas[l] has the shape of layer l's Z (per sample, not averaged); grad_w[l] the shape of
    weights[l]; grad_b[l] the shape of biases[l], or grad_b is None when biases is None.
    """
    raise NotImplementedError("write backprop here")
