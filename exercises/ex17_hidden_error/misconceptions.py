"""Wrong variants of `hidden_error(W_next, delta_next, Z)` that learners write; each name
matches exercise.toml."""

import numpy as np


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _prime(z):
    s = _sigmoid(z)
    return s * (1 - s)


def no_transpose(W_next, delta_next, Z):
    return (W_next @ delta_next) * _prime(Z)


def prime_of_a(W_next, delta_next, Z):
    return (W_next.T @ delta_next) * _prime(_sigmoid(Z))


def prime_missing(W_next, delta_next, Z):
    return W_next.T @ delta_next


def prime_before_product(W_next, delta_next, Z):
    return W_next.T @ (delta_next * _prime(Z))


def z_times_one_minus_z(W_next, delta_next, Z):
    return (W_next.T @ delta_next) * Z * (1 - Z)


def weights_left_out(W_next, delta_next, Z):
    return delta_next * _prime(Z)


def sigmoid_instead_of_prime(W_next, delta_next, Z):
    return (W_next.T @ delta_next) * _sigmoid(Z)


def divided_by_m(W_next, delta_next, Z):
    return (W_next.T @ delta_next) * _prime(Z) / Z.shape[1]
