# Uses sigmoid_prime for every layer, as Nielsen's network.py does, ignoring each layer's own activation (tanh, relu, identity).
"""Step ex19: full backpropagation for any depth, any activations, with or without biases.

Edit this file, then run `learn check ex19`.
"""

import numpy as np

from ex15_layer_forward import layer_forward

PRIMES = {
    "identity": lambda z: np.ones_like(z),
    "sigmoid": lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z))),
    "tanh": lambda z: 1 - np.tanh(z) ** 2,
    "relu": lambda z: (z > 0).astype(float),
}


def sigmoid_prime(z):
    return PRIMES["sigmoid"](z)


def backprop(weights, biases, activations, X, Y):
    """Return (deltas, grad_w, grad_b) for the batch X, Y, with C = ½‖y − a‖² averaged."""
    Zs, As = [], [X]
    for l, W in enumerate(weights):
        b = None if biases is None else biases[l]
        Z, A = layer_forward(W, b, As[-1], activations[l])
        Zs.append(Z)
        As.append(A)

    deltas = [None] * len(weights)
    delta = (As[-1] - Y) * sigmoid_prime(Zs[-1])
    deltas[-1] = delta
    for l in range(2, len(weights) + 1):
        delta = (weights[-l + 1].T @ delta) * sigmoid_prime(Zs[-l])
        deltas[-l] = delta

    m = X.shape[1]
    grad_w = [d @ A.T / m for d, A in zip(deltas, As[:-1])]
    grad_b = None if biases is None else [d.mean(axis=1, keepdims=True) for d in deltas]
    return deltas, grad_w, grad_b
