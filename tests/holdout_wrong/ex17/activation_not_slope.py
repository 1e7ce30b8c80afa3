# Multiplies by σ(Z), the activation itself, where BP2 needs its slope σ′(Z) = σ(Z)(1 − σ(Z)).
"""Step ex17: the error δ^l of a hidden sigmoid layer (Nielsen's BP2), for a batch.

Edit this file, then run `learn check ex17`.
"""

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), entry by entry (ready to use)."""
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    """Return δ^l = ∂C/∂z^l for a hidden sigmoid layer l, from the error of the layer above."""
    return (W_next.T @ delta_next) * sigmoid(Z)
