# Divides by the variance instead of the standard deviation (X.var instead of X.std).
import numpy as np


def standardize(X):
    mean = X.mean(axis=1, keepdims=True)
    var = X.var(axis=1, keepdims=True)
    var = np.where(var == 0, 1.0, var)
    return (X - mean) / var
