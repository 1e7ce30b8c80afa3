# Computes the "std" as the root mean square of the raw row, sqrt(mean(X²)), forgetting to subtract the mean before squaring.
"""Step ex14: standardize the inputs, feature by feature.

Edit this file, then run `learn check ex14`.
"""

import numpy as np


def standardize(X):
    """Return (X − mean) / std, computed separately for each feature."""
    mean = X.mean(axis=1, keepdims=True)
    std = np.sqrt(np.mean(X ** 2, axis=1, keepdims=True))
    std = np.where(std == 0, 1.0, std)
    return (X - mean) / std
