# Right: two nested loops over units and samples.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def output_error(Z, A, Y):
    n, m = Z.shape
    out = np.zeros((n, m))
    for j in range(n):
        for i in range(m):
            s = sigmoid(Z[j, i])
            out[j, i] = (A[j, i] - Y[j, i]) * s * (1 - s)
    return out
