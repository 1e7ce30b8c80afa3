"""Wrong variants of `output_error(Z, A, Y)` that learners write; each name matches
exercise.toml."""

import numpy as np


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _prime(z):
    s = _sigmoid(z)
    return s * (1 - s)


def prime_missing(Z, A, Y):
    return A - Y


def squared_cost(Z, A, Y):
    return 2 * (A - Y) * _prime(Z)


def prime_of_a(Z, A, Y):
    return (A - Y) * _prime(A)


def flipped_sign(Z, A, Y):
    return (Y - A) * _prime(Z)


def z_times_one_minus_z(Z, A, Y):
    return (A - Y) * Z * (1 - Z)


def z_instead_of_a(Z, A, Y):
    return (Z - Y) * _prime(Z)


def divided_by_m(Z, A, Y):
    return (A - Y) * _prime(Z) / Z.shape[1]


def sigmoid_instead_of_prime(Z, A, Y):
    return (A - Y) * _sigmoid(Z)


def sigmoid_of_one_minus(Z, A, Y):
    return (A - Y) * _sigmoid(1 - _sigmoid(Z))


def matrix_product_not_entrywise(Z, A, Y):
    return np.dot(A - Y, _prime(Z).T)
