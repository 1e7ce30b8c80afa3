"""Wrong variants of `cost(a, y)` that learners write; each name matches exercise.toml."""

import numpy as np


def half_cost(a, y):
    return 0.5 * (a - y) ** 2


def not_squared(a, y):
    return a - y


def absolute_value(a, y):
    return abs(a - y)


def squares_subtracted(a, y):
    return a**2 - y**2


def only_y_squared(a, y):
    return a - y**2


def doubled_not_squared(a, y):
    return (a - y) * 2


def not_squared_y_minus_a(a, y):
    return y - a


def mean_over_entries(a, y):
    return np.mean((a - y) ** 2)
