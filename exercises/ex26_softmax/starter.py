"""Step ex26: the softmax of a batch of logits, one column per sample.

Edit this file, then run `learn check ex26`.
"""

import numpy as np


def softmax(Z):
    """Return A = softmax(Z), column by column: a_ij = e^(z_ij) / Σ_k e^(z_kj).

    Z: logits, shape (n, m): one row per class (unit), one column per sample

    A has the shape of Z; every column is positive and sums to 1. Some columns hold logits
    near +1000 or −1000: the answer must still be right there (no NaN, no inf).
    Example: Z = [[2, 1000], [1, 1002], [-1, 999]] gives about
    [[0.7054, 0.1142], [0.2595, 0.8438], [0.0351, 0.0420]].
    """
    raise NotImplementedError("write the softmax here")
