"""Wrong variants of gradient_norms(weights, biases, X, Y), each one slip in an otherwise right
measurement."""

import numpy as np

from reference.layers import backprop


def _gradients(weights, biases, X, Y):
    return backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)


def _frobenius(G):
    return float(np.sqrt(np.sum(G * G)))


def output_layer_first(weights, biases, X, Y):
    return [_frobenius(G) for G in reversed(_gradients(weights, biases, X, Y)[1])]


def delta_norm(weights, biases, X, Y):
    return [_frobenius(d) for d in _gradients(weights, biases, X, Y)[0]]


def summed_over_batch(weights, biases, X, Y):
    return [_frobenius(G * X.shape[1]) for G in _gradients(weights, biases, X, Y)[1]]


def bias_gradient_norm(weights, biases, X, Y):
    return [_frobenius(g) for g in _gradients(weights, biases, X, Y)[2]]


def spectral_norm(weights, biases, X, Y):
    return [float(np.linalg.norm(G, 2)) for G in _gradients(weights, biases, X, Y)[1]]


def squared_norm(weights, biases, X, Y):
    return [float(np.sum(G * G)) for G in _gradients(weights, biases, X, Y)[1]]


def weight_norm(weights, biases, X, Y):
    return [_frobenius(W) for W in weights]


def identity_output(weights, biases, X, Y):
    activations = ["sigmoid"] * (len(weights) - 1) + ["identity"]
    _, grad_w, _ = backprop(weights, biases, activations, X, Y)
    return [_frobenius(G) for G in grad_w]
