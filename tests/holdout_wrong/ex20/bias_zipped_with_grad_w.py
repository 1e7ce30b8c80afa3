# Copies the weights' line for the biases but leaves grad_w in the zip, so each bias moves by its layer's weight gradient (broadcast to a matrix), a typo that runs.
"""Step ex20: one step of mini-batch stochastic gradient descent.

Edit this file, then run `learn check ex20`.
"""

from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    """Return (new_weights, new_biases) after one gradient-descent step on the mini-batch X, Y."""
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    new_weights = [W - learning_rate * gW for W, gW in zip(weights, grad_w)]
    if biases is None:
        return new_weights, None
    new_biases = [b - learning_rate * gb for b, gb in zip(biases, grad_w)]
    return new_weights, new_biases
