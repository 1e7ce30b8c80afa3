# Right: transposes so samples are rows, standardizes along axis 0, and transposes back.
import numpy as np


def standardize(X):
    T = np.asarray(X, dtype=float).T
    mu = T.mean(axis=0)
    sd = T.std(axis=0)
    sd[sd == 0] = 1.0
    return ((T - mu) / sd).T.copy()
