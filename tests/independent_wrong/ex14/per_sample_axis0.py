# Standardizes along axis=0, i.e. per sample (column) instead of per feature (row): the classic wrong-axis slip with a features-as-rows layout.
import numpy as np


def standardize(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    std = np.where(std == 0, 1.0, std)
    return (X - mean) / std
