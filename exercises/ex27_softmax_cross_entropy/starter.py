"""Step ex27: a softmax output layer with the cross-entropy cost: the cost and δ^L.

Edit this file, then run `learn check ex27`.
"""

import numpy as np

from ex26_softmax import softmax  # your ex26 (the grader uses a reference copy)


def softmax_cross_entropy(Z, Y):
    """Return (cost, delta) for a softmax output layer and the cross-entropy cost.

    Z: the output layer's logits, shape (n, m): one row per class, one column per sample
    Y: one-hot targets, same shape: column i has a 1 in the row of sample i's class

    cost:  a single number, the MEAN over the m samples of −Σ_j y_j ln a_j, with A = softmax(Z)
    delta: δ^L = ∂C_x/∂z per sample, shape (n, m) (no 1/m)
    Some samples are confidently wrong: their target's probability rounds to 0 in float64,
    but the cost must still be the true, finite one.
    """
    raise NotImplementedError("write the cost and δ^L here")
