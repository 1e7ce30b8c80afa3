"""Wrong variants of `forward(w, x)` that learners write; each name matches exercise.toml."""

import numpy as np


def added(w, x):
    return w + x


def squared_weight(w, x):
    return w * w * x


def plus_one(w, x):
    return w * x + 1


def w_to_the_power_x(w, x):
    return np.power(w, x)  # nan, not complex, for a negative float w: matches ** and np.power


def sigmoid_added(w, x):
    return 1 / (1 + np.exp(-w * x))
