# Sums the squared entries but never takes the square root, returning ‖G‖² instead of the Frobenius norm ‖G‖.
"""Step ex30: how large is each layer's gradient in a deep sigmoid network?

Edit this file, then run `learn check ex30`.
"""

import numpy as np

from ex19_backprop import backprop


def gradient_norms(weights, biases, X, Y):
    """Return one Frobenius norm of ∂C/∂W per layer, the first layer first."""
    _, grad_w, _ = backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)
    norms = []
    for G in grad_w:
        norms.append(float(np.sum(G * G)))
    return norms
