# Uses np.dot (a matrix product) for the Hadamard product with sigma'(Z), a frequent numpy confusion between * and dot.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def output_error(Z, A, Y):
    sp = A * (1 - A)
    return np.dot(A - Y, sp.T)
