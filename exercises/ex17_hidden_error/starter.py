"""Step ex17: the error δ^l of a hidden sigmoid layer (Nielsen's BP2), for a batch.

Edit this file, then run `learn check ex17`.
"""

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), entry by entry (ready to use)."""
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    """Return δ^l = ∂C/∂z^l for a hidden sigmoid layer l, from the error of the layer above.

    W_next:     W^(l+1), the weights from layer l into layer l+1, shape (n_(l+1), n_l)
    delta_next: δ^(l+1), the error of layer l+1, shape (n_(l+1), m): one column per sample
    Z:          z^l, this layer's weighted inputs, shape (n_l, m)

    Return an array of shape (n_l, m).
    Example (W 2x3, m = 2): W_next = [[0.2, -0.5, 0.1], [0.4, 0.3, -0.2]],
    delta_next = [[-0.126, 0.1241], [0.1038, -0.0651]] and
    Z = [[0.5, -1.0], [1.5, 0.0], [-2.0, 0.8]] give about
    [[0.0038, -0.0002], [0.0140, -0.0204], [-0.0035, 0.0054]].
    """
    raise NotImplementedError("write the hidden layer's error here")
