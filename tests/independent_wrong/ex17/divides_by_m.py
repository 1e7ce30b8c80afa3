# Divides by the batch size, averaging the error although delta is per sample (the 1/m belongs to the gradients).
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    m = Z.shape[1]
    s = sigmoid(Z)
    return (W_next.T @ delta_next) * s * (1 - s) / m
