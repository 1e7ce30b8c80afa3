# Right: a loop over the hidden units k, each collecting column k of W_next times the errors above.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    n_l, m = Z.shape
    out = np.empty((n_l, m))
    for k in range(n_l):
        collected = np.zeros(m)
        for j in range(W_next.shape[0]):
            collected += W_next[j, k] * delta_next[j]
        s = sigmoid(Z[k])
        out[k] = collected * s * (1 - s)
    return out
