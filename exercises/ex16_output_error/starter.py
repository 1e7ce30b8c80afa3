"""Step ex16: the output layer's error δ^L (Nielsen's BP1), for a sigmoid output and a batch.

Edit this file, then run `learn check ex16`.
"""

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), entry by entry (ready to use)."""
    return 1 / (1 + np.exp(-z))


def output_error(Z, A, Y):
    """Return δ^L = ∂C/∂z^L for a sigmoid output layer, with C = ½‖y − a‖² per sample.

    Z: the output layer's weighted inputs, shape (n_L, m): one column per sample
    A: its activations, A = σ(Z), shape (n_L, m)
    Y: the targets, shape (n_L, m)

    Return an array of shape (n_L, m), one error per output unit and sample (no 1/m).
    Example (the numbers of ex15, 2 units, m = 2): Z = [[-0.7, 1.0], [0.7, -1.0]],
    A = σ(Z) and Y = [[0.9, 0.1], [0.2, 0.6]] give [[-0.126, 0.1241], [0.1038, -0.0651]].
    """
    raise NotImplementedError("write the output layer's error here")
