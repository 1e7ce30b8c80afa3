# Uses the one-sided forward difference (C(p+h) - C(p)) / h, accurate only to about h, instead of the central difference.
import numpy as np

from ex15_layer_forward import layer_forward


def batch_cost(weights, biases, activations, X, Y):
    A = X
    for l, W in enumerate(weights):
        _, A = layer_forward(W, None if biases is None else biases[l], A, activations[l])
    return np.mean(0.5 * np.sum((Y - A) ** 2, axis=0))


def numerical_gradients(weights, biases, activations, X, Y, h):
    def cost():
        return batch_cost(weights, biases, activations, X, Y)

    def estimate(P):
        G = np.zeros_like(P)
        for i in np.ndindex(P.shape):
            old = P[i]
            base = cost()
            P[i] = old + h
            up = cost()
            P[i] = old
            G[i] = (up - base) / h
        return G

    grad_w = [estimate(W) for W in weights]
    grad_b = None if biases is None else [estimate(b) for b in biases]
    return grad_w, grad_b
