# Applies the binary cross-entropy -[y ln a + (1-y) ln(1-a)] to the softmax outputs, as if each class were a separate sigmoid.
import numpy as np

from ex26_softmax import softmax


def softmax_cross_entropy(Z, Y):
    A = softmax(Z)
    eps = 1e-300
    per = -(Y * np.log(A + eps) + (1 - Y) * np.log(1 - A + eps))
    cost = np.mean(per.sum(axis=0))
    return cost, A - Y
