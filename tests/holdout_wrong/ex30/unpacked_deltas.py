# Unpacks backprop's result in the wrong order, taking the first list (the deltas) for the weight gradients, so it measures the errors δ, not ∂C/∂W.
"""Step ex30: how large is each layer's gradient in a deep sigmoid network?

Edit this file, then run `learn check ex30`.
"""

import numpy as np

from ex19_backprop import backprop


def gradient_norms(weights, biases, X, Y):
    """Return one Frobenius norm of ∂C/∂W per layer, the first layer first."""
    grad_w, _, _ = backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)
    return [np.linalg.norm(G) for G in grad_w]
