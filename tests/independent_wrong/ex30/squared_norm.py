# Forgets the square root: returns the sum of the squared entries of each gradient.
import numpy as np

from ex19_backprop import backprop


def gradient_norms(weights, biases, X, Y):
    _, grad_w, _ = backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)
    return [float(np.sum(G ** 2)) for G in grad_w]
