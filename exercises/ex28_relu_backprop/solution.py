"""A correct ex28, written the way a learner would: forward, BP1 from ex27, BP2 through the
ReLU's slope, then the four gradients."""

import numpy as np
from ex26_softmax import softmax


def backprop_relu(W1, b1, W2, b2, X, Y):
    m = X.shape[1]
    Z1 = W1 @ X + b1
    A1 = np.maximum(Z1, 0)                    # the ReLU layer
    A2 = softmax(W2 @ A1 + b2)                # the softmax output
    delta2 = A2 - Y                           # BP1 (ex27)
    delta1 = (W2.T @ delta2) * (Z1 > 0)       # BP2: relu′(z) is 1 where z > 0, else 0
    return (delta1 @ X.T / m, delta1.mean(axis=1, keepdims=True),
            delta2 @ A1.T / m, delta2.mean(axis=1, keepdims=True))
