# Updates the weights but returns the biases unchanged (biases never updated, a bug reported on many course forums).
from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    _, grad_w, _ = backprop(weights, biases, activations, X, Y)
    new_weights = [W - learning_rate * gW for W, gW in zip(weights, grad_w)]
    new_biases = None if biases is None else [b.copy() for b in biases]
    return new_weights, new_biases
