"""Wrong variants of output_error_cross_entropy(Z, A, Y)."""

import numpy as np

from reference.activations import sigmoid_prime


def quadratic_delta(Z, A, Y):
    return (A - Y) * sigmoid_prime(Z)


def flipped_sign(Z, A, Y):
    return Y - A


def cost_derivative_only(Z, A, Y):
    return (A - Y) / (A * (1 - A))


def returned_the_cost(Z, A, Y):
    return -(Y * np.log(A) + (1 - Y) * np.log(1 - A))


def averaged_over_batch(Z, A, Y):
    return (A - Y) / A.shape[1]


def z_minus_y(Z, A, Y):
    return Z - Y


def ln_one_minus_a_sign(Z, A, Y):
    """∂/∂a of ln(1 − a) taken as +1/(1 − a): the inner minus sign of the chain rule lost."""
    return (-Y / A - (1 - Y) / (1 - A)) * A * (1 - A)
