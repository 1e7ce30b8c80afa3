# Min-max normalises each feature to [0, 1] instead of standardizing it (the normalize vs standardize mix-up common on forums).
import numpy as np


def standardize(X):
    lo = X.min(axis=1, keepdims=True)
    span = X.max(axis=1, keepdims=True) - lo
    span = np.where(span == 0, 1.0, span)
    return (X - lo) / span
