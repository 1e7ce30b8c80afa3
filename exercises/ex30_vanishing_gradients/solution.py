"""A correct ex30, written the way a learner would: backprop once, one norm per layer."""

import numpy as np
from ex19_backprop import backprop


def gradient_norms(weights, biases, X, Y):
    _, grad_w, _ = backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)
    return [np.linalg.norm(G) for G in grad_w]  # Frobenius: √(sum of the squared entries)
