# Sends the error back through W_next instead of its transpose: runs only when W is square, and is wrong there.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    s = sigmoid(Z)
    return (W_next @ delta_next) * s * (1 - s)
