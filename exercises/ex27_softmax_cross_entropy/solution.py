"""A correct ex27, written the way a learner would: the cost from log-softmax, δ = A − Y."""

import numpy as np
from ex26_softmax import softmax


def softmax_cross_entropy(Z, Y):
    S = Z - Z.max(axis=0, keepdims=True)
    log_A = S - np.log(np.exp(S).sum(axis=0, keepdims=True))  # ln a, never ln 0
    cost = np.mean(-(Y * log_A).sum(axis=0))                  # mean over the batch
    delta = softmax(Z) - Y                                     # per sample
    return cost, delta
