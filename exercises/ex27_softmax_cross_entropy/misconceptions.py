"""Wrong variants of softmax_cross_entropy(Z, Y), one slip each (the cost or δ, the other one
right); the names match exercise.toml."""

import numpy as np


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _log_softmax(Z):
    shifted = Z - Z.max(axis=0, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))


def _cost(Z, Y):
    return np.mean(-(Y * _log_softmax(Z)).sum(axis=0))


def unguarded_log(Z, Y):
    A = _softmax(Z)
    return np.mean(-(Y * np.log(A)).sum(axis=0)), A - Y


def unguarded_log_of_target(Z, Y):
    A = _softmax(Z)
    return np.mean(-np.log((Y * A).sum(axis=0))), A - Y


def clipped_log(Z, Y):
    A = _softmax(Z)
    return np.mean(-(Y * np.log(np.clip(A, 1e-12, 1.0))).sum(axis=0)), A - Y


def cost_summed_over_batch(Z, Y):
    return -(Y * _log_softmax(Z)).sum(), _softmax(Z) - Y


def cost_without_minus(Z, Y):
    return -_cost(Z, Y), _softmax(Z) - Y


def binary_cross_entropy(Z, Y):
    A = _softmax(Z)
    cost = np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A)).sum(axis=0))
    return cost, A - Y


def jacobian_diagonal_only(Z, Y):
    A = _softmax(Z)
    return _cost(Z, Y), (A - Y) * A * (1 - A)


def diagonal_times_log_slope(Z, Y):
    A = _softmax(Z)
    return _cost(Z, Y), -Y * (1 - A)  # (−y/a) · a(1 − a), the diagonal term alone


def averaged_delta(Z, Y):
    return _cost(Z, Y), (_softmax(Z) - Y) / Z.shape[1]


def flipped_sign(Z, Y):
    return _cost(Z, Y), Y - _softmax(Z)


def binary_cross_entropy_guarded(Z, Y):
    A = _softmax(Z)
    eps = 1e-300
    cost = np.mean(-(Y * np.log(A + eps) + (1 - Y) * np.log(1 - A + eps)).sum(axis=0))
    return cost, A - Y


def log_sum_exp_without_shift(Z, Y):
    with np.errstate(over="ignore"):
        log_A = Z - np.log(np.exp(Z).sum(axis=0, keepdims=True))
    return np.mean(-(Y * log_A).sum(axis=0)), _softmax(Z) - Y
