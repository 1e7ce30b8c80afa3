# Sums the bias gradients over the batch (np.sum(delta, axis=1)) instead of averaging them like the weights (as in CS231n-style code that divides only the loss by N).
import numpy as np

from ex26_softmax import softmax
from ex27_softmax_cross_entropy import softmax_cross_entropy  # noqa: F401


def backprop_relu(W1, b1, W2, b2, X, Y):
    m = X.shape[1]
    Z1 = W1 @ X + b1
    A1 = np.maximum(Z1, 0)
    d2 = softmax(W2 @ A1 + b2) - Y
    d1 = (W2.T @ d2) * (Z1 > 0)
    return (d1 @ X.T / m, d1.sum(axis=1, keepdims=True),
            d2 @ A1.T / m, d2.sum(axis=1, keepdims=True))
