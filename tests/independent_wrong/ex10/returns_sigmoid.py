# Returns sigma(z) itself instead of its slope, mixing up the activation and its derivative.
import numpy as np


def sigmoid_prime(z):
    """Return sigma'(z)."""
    return 1 / (1 + np.exp(-z))
