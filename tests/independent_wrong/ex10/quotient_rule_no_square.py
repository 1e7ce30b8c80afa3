# Quotient-rule slip: writes e^(-z) / (1 + e^(-z)) without squaring the denominator, which is 1 - sigma(z), not sigma'(z).
import numpy as np


def sigmoid_prime(z):
    """Return sigma'(z)."""
    e = np.exp(-z)
    return e / (1 + e)
