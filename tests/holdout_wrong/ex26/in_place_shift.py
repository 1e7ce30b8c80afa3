# Shifts with `Z -= Z.max(axis=0)`, which changes the caller's logits in place (the numpy in-place trap), though the probabilities it returns are right.
"""Step ex26: the softmax of a batch of logits, one column per sample.

Edit this file, then run `learn check ex26`.
"""

import numpy as np


def softmax(Z):
    """Return A = softmax(Z), column by column: a_ij = e^(z_ij) / Σ_k e^(z_kj)."""
    Z -= Z.max(axis=0, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)
