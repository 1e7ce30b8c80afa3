"""Wrong variants of `relative_error(a, b)` that learners write; each name matches
exercise.toml. Except for nan_for_zeros, each returns 0.0 for two zero arrays, as the README
asks, so that it matches a learner who got that part right."""

import numpy as np


def _both_zero(a, b):
    return not np.any(a) and not np.any(b)


def divided_by_a_only(a, b):
    if _both_zero(a, b):
        return 0.0
    return float(np.linalg.norm(a - b) / np.linalg.norm(a))


def elementwise_ratio(a, b):
    if _both_zero(a, b):
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a), np.abs(b))))


def nan_for_zeros(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a), np.linalg.norm(b)))


def sum_of_differences(a, b):
    if _both_zero(a, b):
        return 0.0
    return float(np.sum(a - b) / max(np.sum(a), np.sum(b)))


def no_square_root(a, b):
    if _both_zero(a, b):
        return 0.0
    return float(np.sum((a - b) ** 2) / max(np.sum(a**2), np.sum(b**2)))


def sum_of_norms(a, b):
    if _both_zero(a, b):
        return 0.0
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))
