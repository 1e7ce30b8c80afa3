# Right: log-sum-exp via np.logaddexp.reduce, and the cost read off at each sample's target row.
import numpy as np

from ex26_softmax import softmax


def softmax_cross_entropy(Z, Y):
    lse = np.logaddexp.reduce(Z, axis=0)
    targets = np.argmax(Y, axis=0)
    cols = np.arange(Z.shape[1])
    cost = float(np.mean(lse - Z[targets, cols]))
    delta = softmax(Z) - Y
    return cost, delta
