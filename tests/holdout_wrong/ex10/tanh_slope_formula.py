# Uses the tanh rule 1 − f(z)² with the sigmoid, mixing up the two activations' derivatives (a common mix-up in course forum threads).
"""Step ex10: the slope of the sigmoid σ(z) = 1 / (1 + e^(−z)).

Edit this file, then run `learn check ex10`.
"""

import numpy as np


def sigmoid_prime(z):
    """Return σ′(z), the slope of the sigmoid at z."""
    s = 1 / (1 + np.exp(-z))
    return 1 - s ** 2
