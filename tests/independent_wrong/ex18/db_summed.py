# Sums the bias gradient over the batch instead of averaging it, while dW is averaged (a common mismatch in hand-written batch backprop).
import numpy as np


def layer_gradients(delta, A_prev):
    m = delta.shape[1]
    dW = delta @ A_prev.T / m
    db = np.sum(delta, axis=1, keepdims=True)
    return dW, db
