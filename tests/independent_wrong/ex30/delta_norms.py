# Measures the norm of each layer's error delta instead of its weight gradient dC/dW.
import numpy as np

from ex19_backprop import backprop


def gradient_norms(weights, biases, X, Y):
    deltas, _, _ = backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)
    return [np.linalg.norm(d) for d in deltas]
