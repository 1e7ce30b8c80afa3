"""Wrong variants of `sigmoid_neuron_gradients(w, b, x, y)` that learners write; each name
matches exercise.toml."""

import numpy as np


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def missing_sigmoid_prime(w, b, x, y):
    a = _sigmoid(w * x + b)
    error = 2 * (a - y)
    return error * x, error


def prime_of_a(w, b, x, y):
    a = _sigmoid(w * x + b)
    s = _sigmoid(a)
    error = 2 * (a - y) * s * (1 - s)
    return error * x, error


def db_times_x(w, b, x, y):
    a = _sigmoid(w * x + b)
    error = 2 * (a - y) * a * (1 - a)
    return error * x, error * x


def half_cost(w, b, x, y):
    a = _sigmoid(w * x + b)
    error = (a - y) * a * (1 - a)
    return error * x, error


def z_times_one_minus_z(w, b, x, y):
    z = w * x + b
    a = _sigmoid(z)
    error = 2 * (a - y) * z * (1 - z)
    return error * x, error


def w_instead_of_x(w, b, x, y):
    a = _sigmoid(w * x + b)
    error = 2 * (a - y) * a * (1 - a)
    return error * w, error


def sigmoid_instead_of_prime(w, b, x, y):
    a = _sigmoid(w * x + b)
    error = 2 * (a - y) * a
    return error * x, error


def sigmoid_of_one_minus(w, b, x, y):
    a = _sigmoid(w * x + b)
    error = 2 * (a - y) * _sigmoid(1 - a)
    return error * x, error


def cross_entropy_delta(w, b, x, y):
    a = _sigmoid(w * x + b)
    error = a - y
    return error * x, error
