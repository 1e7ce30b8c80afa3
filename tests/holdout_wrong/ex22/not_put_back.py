# Nudges each entry up and down but never puts it back, so it is left at old − h and every later estimate (and the caller's network) is off.
"""Step ex22: the gradient check, every ∂C/∂W and ∂C/∂b estimated by central differences.

Edit this file, then run `learn check ex22`.
"""

import numpy as np

from ex15_layer_forward import layer_forward


def batch_cost(weights, biases, activations, X, Y):
    A = X
    for l, W in enumerate(weights):
        b = None if biases is None else biases[l]
        _, A = layer_forward(W, b, A, activations[l])
    return np.mean(0.5 * np.sum((Y - A) ** 2, axis=0))


def numerical_gradients(weights, biases, activations, X, Y, h):
    """Return (grad_w, grad_b): each gradient of the batch cost estimated by nudges of size h."""
    def estimate(P):
        G = np.zeros_like(P)
        for i in np.ndindex(P.shape):
            old = P[i]
            P[i] = old + h
            up = batch_cost(weights, biases, activations, X, Y)
            P[i] = old - h
            down = batch_cost(weights, biases, activations, X, Y)
            G[i] = (up - down) / (2 * h)
        return G

    grad_w = [estimate(W) for W in weights]
    grad_b = None if biases is None else [estimate(b) for b in biases]
    return grad_w, grad_b
