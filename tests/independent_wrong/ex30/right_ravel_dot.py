# Right: the norm as the square root of a flattened vector's dot product with itself.
import numpy as np

from ex19_backprop import backprop


def gradient_norms(weights, biases, X, Y):
    result = backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)
    norms = []
    for G in result[1]:
        v = G.ravel()
        norms.append(float(np.sqrt(v @ v)))
    return norms
