# Writes `new_weights = weights` and then `-=` on its entries: the list is not a copy, so the caller's arrays are changed in place.
"""Step ex20: one step of mini-batch stochastic gradient descent.

Edit this file, then run `learn check ex20`.
"""

from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    """Return (new_weights, new_biases) after one gradient-descent step on the mini-batch X, Y."""
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    new_weights = weights
    for l in range(len(new_weights)):
        new_weights[l] -= learning_rate * grad_w[l]
    if biases is None:
        return new_weights, None
    new_biases = biases
    for l in range(len(new_biases)):
        new_biases[l] -= learning_rate * grad_b[l]
    return new_weights, new_biases
