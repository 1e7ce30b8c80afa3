"""A correct ex20, written the way a learner would."""

from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    new_weights = [W - learning_rate * gW for W, gW in zip(weights, grad_w)]
    if biases is None:
        return new_weights, None
    return new_weights, [b - learning_rate * gb for b, gb in zip(biases, grad_b)]
