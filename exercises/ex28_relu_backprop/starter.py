"""Step ex28: backprop through a ReLU hidden layer, under a softmax output.

Edit this file, then run `learn check ex28`.
"""

import numpy as np

from ex26_softmax import softmax  # your ex26 (the grader uses a reference copy)
from ex27_softmax_cross_entropy import softmax_cross_entropy  # your ex27: (cost, δ^L)


def backprop_relu(W1, b1, W2, b2, X, Y):
    """Return (grad_W1, grad_b1, grad_W2, grad_b2) for the network

        Z1 = W1 X + b1,  A1 = relu(Z1) = max(Z1, 0),  Z2 = W2 A1 + b2,  A2 = softmax(Z2)

    with the cost the MEAN over the batch of the cross-entropy −Σ_j y_j ln a_j (ex27).

    W1: (n1, n0), b1: (n1, 1), W2: (n2, n1), b2: (n2, 1)
    X:  (n0, m) inputs, Y: (n2, m) one-hot targets, one column per sample

    Each gradient has the shape of its parameter, averaged over the batch.
    """
    raise NotImplementedError("write the backward pass here")
