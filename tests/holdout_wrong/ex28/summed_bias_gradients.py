# Copies CS231n's db = np.sum(dscores, axis=0) for the biases but not the dscores /= N that came before it, so the bias gradients are sums, m times too big.
"""Step ex28: backprop through a ReLU hidden layer, under a softmax output.

Edit this file, then run `learn check ex28`.
"""

import numpy as np

from ex26_softmax import softmax
from ex27_softmax_cross_entropy import softmax_cross_entropy


def backprop_relu(W1, b1, W2, b2, X, Y):
    """Return (grad_W1, grad_b1, grad_W2, grad_b2) for the ReLU-softmax network."""
    m = X.shape[1]
    Z1 = W1 @ X + b1
    A1 = np.maximum(Z1, 0)
    A2 = softmax(W2 @ A1 + b2)
    delta2 = A2 - Y
    delta1 = (W2.T @ delta2) * (Z1 > 0)
    grad_W2 = delta2 @ A1.T / m
    grad_b2 = np.sum(delta2, axis=1, keepdims=True)
    grad_W1 = delta1 @ X.T / m
    grad_b1 = np.sum(delta1, axis=1, keepdims=True)
    return grad_W1, grad_b1, grad_W2, grad_b2
