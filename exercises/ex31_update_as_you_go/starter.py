"""Step ex31: one backward loop that updates every layer as soon as its gradient is known.

Edit this file, then run `learn check ex31`.
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


def backward_update(weights, biases, activations, X, Y, learning_rate):
    """Return (new_weights, new_biases) after one SGD step on the mini-batch X, Y, computed in
    ONE loop from the output layer down: in layer l's turn, its gradients, then the error passed
    back to layer l − 1, then layer l's update. C = ½‖y − a‖², averaged over the batch.

    weights, biases, activations: the network, as in ex19 (biases may be None)
    X, Y:           one mini-batch, (n_0, m) and (n_L, m)
    learning_rate:  the step size η

    new_weights is a list shaped like weights, the first layer first; new_biases likewise, or
    None. Build new arrays: the caller's network must not change.
    """
    raise NotImplementedError("write the backward loop here")
