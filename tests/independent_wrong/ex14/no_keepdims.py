# Leaves out keepdims=True, so the (n,) means broadcast along the columns: an error for most shapes and a silently wrong result when X is square.
import numpy as np


def standardize(X):
    mean = X.mean(axis=1)
    std = X.std(axis=1)
    std = np.where(std == 0, 1.0, std)
    return (X - mean) / std
