# Measures the cost as the sum over the batch, 0.5 * np.sum((Y − A)²), the per-sample total of Nielsen's chapter 2, instead of the mean, so every estimate is m times too big.
"""Step ex22: the gradient check, every ∂C/∂W and ∂C/∂b estimated by central differences.

Edit this file, then run `learn check ex22`.
"""

import numpy as np

from ex15_layer_forward import layer_forward


def numerical_gradients(weights, biases, activations, X, Y, h):
    """Return (grad_w, grad_b): each gradient of the batch cost estimated by nudges of size h."""
    def cost():
        A = X
        for l, W in enumerate(weights):
            _, A = layer_forward(W, None if biases is None else biases[l], A, activations[l])
        return 0.5 * np.sum((Y - A) ** 2)

    def estimate(P):
        G = np.zeros_like(P)
        for i in np.ndindex(P.shape):
            old = P[i]
            P[i] = old + h
            up = cost()
            P[i] = old - h
            down = cost()
            P[i] = old
            G[i] = (up - down) / (2 * h)
        return G

    grad_w = [estimate(W) for W in weights]
    grad_b = None if biases is None else [estimate(b) for b in biases]
    return grad_w, grad_b
