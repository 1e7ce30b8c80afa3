"""Wrong variants of `sigmoid_prime(z)` that learners write; each name matches exercise.toml."""

import numpy as np


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def z_times_one_minus_z(z):
    return z * (1 - z)


def prime_of_sigmoid(z):
    s = _sigmoid(_sigmoid(z))
    return s * (1 - s)


def one_plus(z):
    s = _sigmoid(z)
    return s * (1 + s)


def missing_square(z):
    return np.exp(-z) / (1 + np.exp(-z))


def returned_sigmoid(z):
    return _sigmoid(z)


def sigmoid_of_one_minus(z):
    return _sigmoid(1 - _sigmoid(z))


def z_clipped(z):
    s = _sigmoid(np.clip(z, -10, 10))
    return s * (1 - s)


def tanh_slope(z):
    return 1 - _sigmoid(z) ** 2
