# Leaves out the sigmoid slope h_j(1 - h_j) in the hidden units' errors.
import numpy as np
from ex12_tiny_forward import tiny_forward


def tiny_gradients(x, y, W, b, v, c):
    h, a = tiny_forward(x, W, b, v, c)
    d = 2 * (a - y)
    dv = d * h
    err = d * v
    dW = np.outer(err, x)
    return dW, err, dv, d
