# Divides by ||a|| + ||b||, the denominator of the gradient-check formula in Andrew Ng's Deep Learning Specialization, instead of the larger norm.
import numpy as np


def relative_error(a, b):
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    if denom == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denom)
