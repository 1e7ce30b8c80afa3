# Clips z to [-10, 10] "to avoid overflow" before the sigmoid, which flattens the slope for large |z| to the value at +-10.
import numpy as np


def sigmoid_prime(z):
    """Return sigma'(z)."""
    z = np.clip(z, -10, 10)
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)
