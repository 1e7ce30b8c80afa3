# Averages with // (floor division) instead of /, a Python 2 habit that rounds every gradient down to a whole number.
import numpy as np


def layer_gradients(delta, A_prev):
    m = delta.shape[1]
    dW = delta @ A_prev.T // m
    db = np.sum(delta, axis=1, keepdims=True) // m
    return dW, db
