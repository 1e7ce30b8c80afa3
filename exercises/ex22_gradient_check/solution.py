"""A correct ex22, written the way a learner would."""

import numpy as np
from ex15_layer_forward import layer_forward


def batch_cost(weights, biases, activations, X, Y):
    A = X
    for layer, W in enumerate(weights):
        b = None if biases is None else biases[layer]
        _, A = layer_forward(W, b, A, activations[layer])
    return np.mean(0.5 * np.sum((Y - A) ** 2, axis=0))    # ½‖y − a‖², mean over samples


def numerical_gradients(weights, biases, activations, X, Y, h):
    def cost():
        return batch_cost(weights, biases, activations, X, Y)

    def estimate(P):                          # nudges P's entries in place, one at a time
        G = np.zeros_like(P)
        for i in np.ndindex(P.shape):
            old = P[i]
            P[i] = old + h
            up = cost()
            P[i] = old - h
            down = cost()
            P[i] = old                        # put it back exactly
            G[i] = (up - down) / (2 * h)
        return G

    grad_w = [estimate(W) for W in weights]
    grad_b = None if biases is None else [estimate(b) for b in biases]
    return grad_w, grad_b
