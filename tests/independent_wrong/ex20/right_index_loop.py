# Right: an index loop with np.subtract building new arrays.
import numpy as np

from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    grads = backprop(weights, biases, activations, X, Y)
    grad_w, grad_b = grads[1], grads[2]
    out_w = []
    for i in range(len(weights)):
        out_w.append(np.subtract(weights[i], np.multiply(learning_rate, grad_w[i])))
    if biases is None:
        return out_w, None
    out_b = []
    for i in range(len(biases)):
        out_b.append(np.subtract(biases[i], np.multiply(learning_rate, grad_b[i])))
    return out_w, out_b
