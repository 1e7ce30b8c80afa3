"""Wrong variants of `tiny_forward(x, W, b, v, c)` that learners write; each name matches
exercise.toml."""

import numpy as np


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _z(x, W, b):
    return np.array([W[j, 0] * x[0] + W[j, 1] * x[1] + W[j, 2] * x[2] + b[j] for j in range(2)])


def no_hidden_sigmoid(x, W, b, v, c):
    h = _z(x, W, b)
    return h, v[0] * h[0] + v[1] * h[1] + c


def output_from_z(x, W, b, v, c):
    z = _z(x, W, b)
    return _sigmoid(z), v[0] * z[0] + v[1] * z[1] + c


def sigmoid_on_output(x, W, b, v, c):
    h = _sigmoid(_z(x, W, b))
    return h, _sigmoid(v[0] * h[0] + v[1] * h[1] + c)


def no_hidden_bias(x, W, b, v, c):
    h = _sigmoid(_z(x, W, np.zeros(2)))
    return h, v[0] * h[0] + v[1] * h[1] + c


def bias_after_sigmoid(x, W, b, v, c):
    h = _sigmoid(_z(x, W, np.zeros(2))) + b
    return h, v[0] * h[0] + v[1] * h[1] + c


def no_output_bias(x, W, b, v, c):
    h = _sigmoid(_z(x, W, b))
    return h, v[0] * h[0] + v[1] * h[1]


def output_weights_ignored(x, W, b, v, c):
    h = _sigmoid(_z(x, W, b))
    return h, h[0] + h[1] + c


def third_input_left_out(x, W, b, v, c):
    h = _sigmoid(np.array([W[j, 0] * x[0] + W[j, 1] * x[1] + b[j] for j in range(2)]))
    return h, v[0] * h[0] + v[1] * h[1] + c


def reshaped_not_transposed(x, W, b, v, c):
    h = _sigmoid(x @ W.reshape(3, 2) + b)
    return h, v[0] * h[0] + v[1] * h[1] + c
