# Forgets to divide dW by m (sums the per-sample weight gradients) while averaging db.
import numpy as np


def layer_gradients(delta, A_prev):
    dW = delta @ A_prev.T
    db = delta.mean(axis=1, keepdims=True)
    return dW, db
