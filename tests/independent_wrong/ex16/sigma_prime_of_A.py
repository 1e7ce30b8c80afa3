# Computes sigma'(A) instead of sigma'(Z), passing the activations through the sigmoid twice (the slip the README warns about).
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def output_error(Z, A, Y):
    s = sigmoid(A)
    return (A - Y) * s * (1 - s)
