# Right: the unsimplified chain-rule form e^(-z) / (1 + e^(-z))^2.
import numpy as np


def sigmoid_prime(z):
    """Return sigma'(z)."""
    e = np.exp(-z)
    return e / (1.0 + e) ** 2
