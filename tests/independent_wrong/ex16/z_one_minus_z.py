# Writes sigma'(z) as Z*(1-Z), the activation-only shortcut applied to the weighted inputs (Stack Overflow classic).
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def output_error(Z, A, Y):
    return (A - Y) * Z * (1 - Z)
