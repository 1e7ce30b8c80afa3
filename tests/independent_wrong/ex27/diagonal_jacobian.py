# Keeps only the diagonal of the softmax Jacobian, giving delta = -y(1 - a), which is 0 for every wrong class (the slip the README derives).
import numpy as np

from ex26_softmax import softmax


def softmax_cross_entropy(Z, Y):
    S = Z - Z.max(axis=0, keepdims=True)
    log_A = S - np.log(np.exp(S).sum(axis=0, keepdims=True))
    cost = np.mean(-(Y * log_A).sum(axis=0))
    A = softmax(Z)
    return cost, -Y * (1 - A)
