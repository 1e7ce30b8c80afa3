# Computes delta_next.T @ W_next (samples-as-rows habit), giving the (m, n_l) transpose of the answer.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    s = sigmoid(Z).T
    return (delta_next.T @ W_next) * s * (1 - s)
