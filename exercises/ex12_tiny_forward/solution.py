"""A correct ex12, written the way a learner would: one hidden unit at a time."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tiny_forward(x, W, b, v, c):
    h = np.zeros(2)
    for j in range(2):                   # hidden unit j
        z = b[j]
        for k in range(3):               # input k, through the weight w_jk = W[j, k]
            z = z + W[j, k] * x[k]
        h[j] = sigmoid(z)
    a = v[0] * h[0] + v[1] * h[1] + c    # linear output: no sigmoid
    return h, a
