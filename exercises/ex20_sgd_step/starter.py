"""Step ex20: one step of mini-batch stochastic gradient descent.

Edit this file, then run `learn check ex20`.
"""

from ex19_backprop import backprop  # your ex19 (the grader uses a reference copy)


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    """Return (new_weights, new_biases) after one gradient-descent step on the mini-batch X, Y.

    weights, biases, activations: the network, as in ex19 (biases may be None)
    X, Y:           one mini-batch, (n_0, m) and (n_L, m)
    learning_rate:  the step size η

    new_weights is a list shaped like weights; new_biases like biases, or None.
    """
    raise NotImplementedError("write the SGD step here")
