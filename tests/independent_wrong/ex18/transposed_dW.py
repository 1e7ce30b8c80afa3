# Computes A_prev @ delta.T, the transpose of dW: shape (n_prev, n) instead of W's (n, n_prev).
import numpy as np


def layer_gradients(delta, A_prev):
    m = delta.shape[1]
    dW = A_prev @ delta.T / m
    db = delta.mean(axis=1, keepdims=True)
    return dW, db
