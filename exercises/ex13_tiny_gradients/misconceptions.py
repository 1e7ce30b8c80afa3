"""Wrong variants of `tiny_gradients(x, y, W, b, v, c)` that learners write; each name matches
exercise.toml. Self-contained: the grader imports this file on its own."""

import numpy as np


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _forward(x, W, b, v, c):
    z = W @ x + b
    h = _sigmoid(z)
    return z, h, v @ h + c


def _gradients(x, y, W, b, v, c, *, start=2.0, slope="h", through_v=True, bias_times_x=False,
               transposed=False, dv_from_z=False):
    z, h, a = _forward(x, W, b, v, c)
    dC_da = start * (a - y)
    if slope == "h":
        dh_dz = h * (1 - h)
    elif slope == "of_h":
        dh_dz = _sigmoid(h) * (1 - _sigmoid(h))
    elif slope == "value":
        dh_dz = h
    elif slope == "of_a":
        dh_dz = a * (1 - a) * np.ones(2)
    else:
        dh_dz = np.ones(2)
    error = dC_da * (v if through_v else 1.0) * dh_dz
    dW = np.outer(x, error) if transposed else np.outer(error, x)
    db = error * x[:2] if bias_times_x else error
    return dW, db, dC_da * (z if dv_from_z else h), dC_da


def missing_sigmoid_prime(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, slope="none")


def sigmoid_prime_of_h(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, slope="of_h")


def missing_downstream_weight(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, through_v=False)


def half_cost_gradient(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, start=1.0)


def flipped_sign(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, start=-2.0)


def dw_transposed(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, transposed=True)


def db_times_x(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, bias_times_x=True)


def sigmoid_instead_of_prime(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, slope="value")


def dv_from_z(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, dv_from_z=True)


def slope_at_output(x, y, W, b, v, c):
    return _gradients(x, y, W, b, v, c, slope="of_a")
