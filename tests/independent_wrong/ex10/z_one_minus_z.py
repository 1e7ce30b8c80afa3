# sigma'(z) written as z*(1-z), the form that is only right when given the activation a = sigma(z) (very common on Stack Overflow and course forums).
import numpy as np  # noqa: F401


def sigmoid_prime(z):
    """Return sigma'(z)."""
    return z * (1 - z)
