# Right: sums the per-sample outer products in a loop, then divides by m.
import numpy as np


def layer_gradients(delta, A_prev):
    n, m = delta.shape
    dW = np.zeros((n, A_prev.shape[0]))
    db = np.zeros((n, 1))
    for i in range(m):
        dW += np.outer(delta[:, i], A_prev[:, i])
        db[:, 0] += delta[:, i]
    return dW / m, db / m
