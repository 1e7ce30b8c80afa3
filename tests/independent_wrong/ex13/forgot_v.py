# Drops v_j, the weight after the hidden unit, from the hidden chain (same slip as forgetting w2 in a two-weight chain; a very common first-backprop bug).
import numpy as np
from ex12_tiny_forward import tiny_forward


def tiny_gradients(x, y, W, b, v, c):
    h, a = tiny_forward(x, W, b, v, c)
    d = 2 * (a - y)
    dv = d * h
    err = d * h * (1 - h)
    dW = np.outer(err, x)
    return dW, err, dv, d
