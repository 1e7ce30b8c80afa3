# Appends the deltas and gradients while walking backwards and never reverses the lists, so they come out last layer first.
import numpy as np

from ex15_layer_forward import layer_forward

PRIMES = {
    "identity": lambda z: np.ones_like(z),
    "sigmoid": lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z))),
    "tanh": lambda z: 1 - np.tanh(z) ** 2,
    "relu": lambda z: (z > 0).astype(float),
}


def backprop(weights, biases, activations, X, Y):
    L = len(weights)
    Zs, As = [], [X]
    for l in range(L):
        b = None if biases is None else biases[l]
        Z, A = layer_forward(weights[l], b, As[-1], activations[l])
        Zs.append(Z)
        As.append(A)
    m = X.shape[1]
    deltas, grad_w, grad_b = [], [], []
    delta = (As[-1] - Y) * PRIMES[activations[-1]](Zs[-1])
    for l in range(L - 1, -1, -1):
        if l < L - 1:
            delta = (weights[l + 1].T @ delta) * PRIMES[activations[l]](Zs[l])
        deltas.append(delta)
        grad_w.append(delta @ As[l].T / m)
        grad_b.append(delta.mean(axis=1, keepdims=True))
    if biases is None:
        grad_b = None
    return deltas, grad_w, grad_b
