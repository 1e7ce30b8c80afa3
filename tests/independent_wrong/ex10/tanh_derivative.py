# Uses 1 - s^2, the tanh derivative formula, on the sigmoid (mixing up the two activations' slopes).
import numpy as np


def sigmoid_prime(z):
    """Return sigma'(z)."""
    s = 1 / (1 + np.exp(-z))
    return 1 - s ** 2
