"""Wrong variants of `standardize(X)` that learners write; each name matches exercise.toml."""

import numpy as np


def _safe(std):
    return np.where(std == 0, 1.0, std)


def per_sample(X):
    mean = X.mean(axis=0, keepdims=True)
    return (X - mean) / _safe(X.std(axis=0, keepdims=True))


def missing_keepdims(X):
    return (X - X.mean(axis=1)) / _safe(X.std(axis=1))


def no_axis(X):
    return (X - X.mean()) / _safe(X.std())


def divide_by_variance(X):
    mean = X.mean(axis=1, keepdims=True)
    return (X - mean) / _safe(X.var(axis=1, keepdims=True))


def not_centered(X):
    return X / _safe(X.std(axis=1, keepdims=True))


def sample_std(X):
    mean = X.mean(axis=1, keepdims=True)
    return (X - mean) / _safe(X.std(axis=1, ddof=1, keepdims=True))


def min_max(X):
    low = X.min(axis=1, keepdims=True)
    high = X.max(axis=1, keepdims=True)
    return (X - low) / (high - low)


def zero_std_not_handled(X):
    mean = X.mean(axis=1, keepdims=True)
    return (X - mean) / X.std(axis=1, keepdims=True)
