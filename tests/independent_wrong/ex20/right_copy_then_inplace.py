# Right: copies every array first, then updates the copies in place.
from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    _, gws, gbs = backprop(weights, biases, activations, X, Y)
    new_w = [W.copy() for W in weights]
    for W, g in zip(new_w, gws):
        W -= learning_rate * g
    new_b = None
    if biases is not None:
        new_b = [b.copy() for b in biases]
        for b, g in zip(new_b, gbs):
            b -= learning_rate * g
    return new_w, new_b
