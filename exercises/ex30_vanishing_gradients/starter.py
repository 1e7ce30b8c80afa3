"""Step ex30: how large is each layer's gradient in a deep sigmoid network?

Edit this file, then run `learn check ex30`.
"""

import numpy as np

from ex19_backprop import backprop  # your ex19 (the grader uses a reference copy)


def gradient_norms(weights, biases, X, Y):
    """Return [‖∂C/∂W^1‖, ‖∂C/∂W^2‖, ..., ‖∂C/∂W^L‖], one Frobenius norm per layer, the first
    layer (the one that takes X) first. Every layer is a sigmoid; C = ½‖y − a‖², averaged over
    the batch.

    weights: list of L matrices, weights[l] of shape (n_(l+1), n_l)
    biases:  list of L columns, biases[l] of shape (n_(l+1), 1)
    X, Y:    inputs (n_0, m) and targets (n_L, m), one column per sample
    """
    raise NotImplementedError("measure each layer's gradient here")
