# Writes 1 / 1 + np.exp(-z), dropping the brackets around the denominator, so "σ" is 1 + e^(−z) and the slope built on it is nonsense.
"""Step ex10: the slope of the sigmoid σ(z) = 1 / (1 + e^(−z)).

Edit this file, then run `learn check ex10`.
"""

import numpy as np


def sigmoid_prime(z):
    """Return σ′(z), the slope of the sigmoid at z."""
    s = 1 / 1 + np.exp(-z)
    return s * (1 - s)
