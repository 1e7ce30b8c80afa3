"""Wrong variants of layer_forward(W, b, A_prev, activation)."""

import numpy as np

from reference.activations import ACTIVATIONS


def _bias(b):
    return 0.0 if b is None else b


def transposed_weights(W, b, A_prev, activation):
    Z = W.T @ A_prev + _bias(b)
    return Z, ACTIVATIONS[activation].fn(Z)


def bias_ignored(W, b, A_prev, activation):
    Z = W @ A_prev
    return Z, ACTIVATIONS[activation].fn(Z)


def activation_not_applied(W, b, A_prev, activation):
    Z = W @ A_prev + _bias(b)
    return Z, Z


def activation_before_weights(W, b, A_prev, activation):
    Z = W @ ACTIVATIONS[activation].fn(A_prev) + _bias(b)
    return Z, ACTIVATIONS[activation].fn(Z)


def flat_bias(W, b, A_prev, activation):
    Z = W @ A_prev + (0.0 if b is None else b.ravel())
    return Z, ACTIVATIONS[activation].fn(Z)


def relu_as_np_max(W, b, A_prev, activation):
    Z = W @ A_prev + _bias(b)
    if activation == "relu":
        return Z, np.max(Z, 0)
    return Z, ACTIVATIONS[activation].fn(Z)


def z_returned_without_bias(W, b, A_prev, activation):
    Z = W @ A_prev
    return Z, ACTIVATIONS[activation].fn(Z + _bias(b))
