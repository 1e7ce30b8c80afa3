# Uses the leaky ReLU's slope, 0.01 where z ≤ 0, instead of the plain ReLU's 0, a formula from a neighbouring activation.
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
    Z2 = W2 @ A1 + b2
    _, delta2 = softmax_cross_entropy(Z2, Y)
    relu_slope = np.where(Z1 > 0, 1.0, 0.01)
    delta1 = (W2.T @ delta2) * relu_slope
    grad_W2 = delta2 @ A1.T / m
    grad_b2 = delta2.mean(axis=1, keepdims=True)
    grad_W1 = delta1 @ X.T / m
    grad_b1 = delta1.mean(axis=1, keepdims=True)
    return grad_W1, grad_b1, grad_W2, grad_b2
