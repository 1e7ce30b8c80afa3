# Divides without checking for two all-zero arrays, so 0/0 gives NaN instead of 0.0.
import numpy as np


def relative_error(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a), np.linalg.norm(b)))
