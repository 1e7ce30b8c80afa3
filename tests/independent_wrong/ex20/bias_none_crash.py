# Always zips over the biases, so a network without biases (biases is None) raises a TypeError.
from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    new_weights = [W - learning_rate * gW for W, gW in zip(weights, grad_w)]
    new_biases = [b - learning_rate * gb for b, gb in zip(biases, grad_b)]
    return new_weights, new_biases
