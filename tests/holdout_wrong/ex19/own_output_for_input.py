# An off-by-one in the activations list: BP4 uses As[l + 1], the layer's own output, where it needs As[l], the input that fed it.
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


def backprop(weights, biases, activations, X, Y):
    """Return (deltas, grad_w, grad_b) for the batch X, Y, with C = ½‖y − a‖² averaged."""
    L = len(weights)
    Zs, As = [], [X]
    for l in range(L):
        b = None if biases is None else biases[l]
        Z, A = layer_forward(weights[l], b, As[-1], activations[l])
        Zs.append(Z)
        As.append(A)

    deltas = [None] * L
    deltas[L - 1] = (As[L] - Y) * PRIMES[activations[L - 1]](Zs[L - 1])
    for l in range(L - 2, -1, -1):
        deltas[l] = (weights[l + 1].T @ deltas[l + 1]) * PRIMES[activations[l]](Zs[l])

    m = X.shape[1]
    grad_w = [deltas[l] @ As[l + 1].T / m for l in range(L)]
    grad_b = None if biases is None else [d.mean(axis=1, keepdims=True) for d in deltas]
    return deltas, grad_w, grad_b
