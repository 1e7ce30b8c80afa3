"""Wrong variants of backprop_relu(W1, b1, W2, b2, X, Y), each one slip in an otherwise right
backward pass; the names match exercise.toml."""

import numpy as np


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _backprop(W1, b1, W2, b2, X, Y, *, slope="relu", transpose=True, bp4_input="a",
              average=True, output="softmax", bias_sum=False):
    m = X.shape[1]
    Z1 = W1 @ X + b1
    A1 = np.maximum(Z1, 0)
    A2 = _softmax(W2 @ A1 + b2)
    delta2 = A2 - Y
    if output == "diagonal":
        delta2 = delta2 * A2 * (1 - A2)
    back = (W2.T if transpose else W2) @ delta2
    s = 1 / (1 + np.exp(-Z1))
    delta1 = back * {
        "relu": (Z1 > 0) * 1.0,
        "sigmoid": s * (1 - s),  # σ′(z) of Stage F's sigmoid layers
        "one": 1.0,              # no mask: slope 1 for z ≤ 0 too
        "inverted": (Z1 <= 0) * 1.0,
        "activation": A1,        # relu(z) itself where relu′(z) belongs
        "a_one_minus_a": A1 * (1 - A1),  # Stage F's a(1 − a), on the relu's output
        "relu_of_error": 1.0,    # see relu_of_error below
    }[slope]
    if slope == "relu_of_error":
        delta1 = np.maximum(back, 0)
    scale = m if average else 1
    bias_scale = 1 if bias_sum else scale
    H = A1 if bp4_input == "a" else Z1
    return (delta1 @ X.T / scale, delta1.sum(axis=1, keepdims=True) / bias_scale,
            delta2 @ H.T / scale, delta2.sum(axis=1, keepdims=True) / bias_scale)


def sigmoid_prime_instead(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, slope="sigmoid")


def no_relu_mask(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, slope="one")


def mask_inverted(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, slope="inverted")


def times_activation(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, slope="activation")


def preactivation_in_gradient(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, bp4_input="z")


def no_transpose(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, transpose=False)


def no_batch_average(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, average=False)


def jacobian_diagonal_only(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, output="diagonal")


def sigmoid_slope_formula(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, slope="a_one_minus_a")


def relu_of_error(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, slope="relu_of_error")


def bias_gradients_summed(W1, b1, W2, b2, X, Y):
    return _backprop(W1, b1, W2, b2, X, Y, bias_sum=True)
