"""Step ex33: the output error δ^L under the cross-entropy cost.

Edit this file, then run `learn check ex33`.
"""

import numpy as np


def output_error_cross_entropy(Z, A, Y):
    """Return δ^L = ∂C/∂z^L for a sigmoid output layer and the cross-entropy cost
    C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], per sample (no averaging).

    Z: the output layer's weighted inputs, shape (n_L, m), one column per sample
    A: its activations, A = σ(Z), same shape
    Y: the targets, same shape, entries between 0 and 1

    δ^L has shape (n_L, m).
    """
    raise NotImplementedError("write δ^L here")
