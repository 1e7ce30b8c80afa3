# Keeps CS231n's single-vector trick `f -= np.max(f)` for a whole batch, shifting every column by the batch's one largest logit instead of each column by its own.
"""Step ex26: the softmax of a batch of logits, one column per sample.

Edit this file, then run `learn check ex26`.
"""

import numpy as np


def softmax(Z):
    """Return A = softmax(Z), column by column: a_ij = e^(z_ij) / Σ_k e^(z_kj)."""
    E = np.exp(Z - np.max(Z))
    return E / E.sum(axis=0, keepdims=True)
