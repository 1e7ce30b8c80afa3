# Lists the norms from the output layer down (the order backprop walks), instead of the first layer first.
import numpy as np

from ex19_backprop import backprop


def gradient_norms(weights, biases, X, Y):
    _, grad_w, _ = backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)
    return [np.linalg.norm(G) for G in reversed(grad_w)]
