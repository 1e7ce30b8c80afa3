# Multiplies A - Y by A(1 - A), carrying the sigmoid's BP1 factor over to a softmax output.
import numpy as np

from ex26_softmax import softmax


def softmax_cross_entropy(Z, Y):
    S = Z - Z.max(axis=0, keepdims=True)
    log_A = S - np.log(np.exp(S).sum(axis=0, keepdims=True))
    cost = np.mean(-(Y * log_A).sum(axis=0))
    A = softmax(Z)
    return cost, (A - Y) * A * (1 - A)
