# Updates the caller's arrays in place with -= (numpy aliasing), so the network passed in is changed as well.
from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    for W, gW in zip(weights, grad_w):
        W -= learning_rate * gW
    if biases is not None:
        for b, gb in zip(biases, grad_b):
            b -= learning_rate * gb
    return list(weights), None if biases is None else list(biases)
