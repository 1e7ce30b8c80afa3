# Takes m from delta.shape[0] (the number of units) instead of shape[1] (the number of samples).
import numpy as np


def layer_gradients(delta, A_prev):
    m = delta.shape[0]
    dW = delta @ A_prev.T / m
    db = np.sum(delta, axis=1, keepdims=True) / m
    return dW, db
