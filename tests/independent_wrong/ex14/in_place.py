# Standardizes X in place with -= and /=, which overwrites the caller's data set (numpy aliasing).
import numpy as np


def standardize(X):
    mean = X.mean(axis=1, keepdims=True)
    std = X.std(axis=1, keepdims=True)
    std[std == 0] = 1.0
    X -= mean
    X /= std
    return X
