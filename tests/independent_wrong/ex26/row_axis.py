# Normalises along axis=1 (rows), the samples-as-rows convention of most libraries, instead of down each column.
import numpy as np


def softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
