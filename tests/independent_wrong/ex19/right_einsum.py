# Right: the gradients with np.einsum and the backward walk written as a while loop.
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
    pre, post = [], [X]
    for l in range(L):
        Z, A = layer_forward(weights[l], biases[l] if biases is not None else None, post[l],
                             activations[l])
        pre.append(Z)
        post.append(A)
    m = X.shape[1]
    errs = [None] * L
    l = L - 1
    upstream = post[L] - Y
    while l >= 0:
        errs[l] = upstream * PRIMES[activations[l]](pre[l])
        upstream = np.einsum("jk,ji->ki", weights[l], errs[l])
        l -= 1
    gw = [np.einsum("ji,ki->jk", errs[l], post[l]) / m for l in range(L)]
    gb = None if biases is None else [errs[l].mean(axis=1)[:, None] for l in range(L)]
    return errs, gw, gb
