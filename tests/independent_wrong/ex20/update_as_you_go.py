# Updates the last layer first and recomputes the gradients of the earlier layers with the already-updated weights (using the updated weight before computing the earlier layer's error).
from ex19_backprop import backprop


def sgd_step(weights, biases, activations, X, Y, learning_rate):
    new_weights = [W.copy() for W in weights]
    new_biases = None if biases is None else [b.copy() for b in biases]
    for l in reversed(range(len(weights))):
        _, grad_w, grad_b = backprop(new_weights, new_biases, activations, X, Y)
        new_weights[l] = new_weights[l] - learning_rate * grad_w[l]
        if new_biases is not None:
            new_biases[l] = new_biases[l] - learning_rate * grad_b[l]
    return new_weights, new_biases
