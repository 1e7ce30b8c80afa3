"""A correct ex31, written the way a learner would: one loop from the output down; in each
layer's turn the error goes back through the old W before W moves."""

import numpy as np
from ex15_layer_forward import layer_forward

PRIMES = {
    "identity": lambda z: np.ones_like(z),
    "sigmoid": lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z))),
    "tanh": lambda z: 1 - np.tanh(z) ** 2,
    "relu": lambda z: (z > 0).astype(float),
}


def backward_update(weights, biases, activations, X, Y, learning_rate):
    L = len(weights)
    Zs, As = [], [X]
    for l in range(L):
        Z, A = layer_forward(weights[l], None if biases is None else biases[l], As[-1],
                             activations[l])
        Zs.append(Z)
        As.append(A)

    m = X.shape[1]
    new_weights = [None] * L
    new_biases = None if biases is None else [None] * L
    delta = (As[-1] - Y) * PRIMES[activations[-1]](Zs[-1])  # BP1
    for l in reversed(range(L)):
        grad_w = delta @ As[l].T / m
        grad_b = delta.mean(axis=1, keepdims=True)
        if l > 0:  # BP2 through weights[l] as the forward pass used it
            delta = (weights[l].T @ delta) * PRIMES[activations[l - 1]](Zs[l - 1])
        new_weights[l] = weights[l] - learning_rate * grad_w  # only now does layer l move
        if biases is not None:
            new_biases[l] = biases[l] - learning_rate * grad_b
    return new_weights, new_biases
