# Divides by the norm of the first array only, ||a - b|| / ||a||, which is not symmetric and blows up when a is zero.
import numpy as np


def relative_error(a, b):
    na = np.linalg.norm(a)
    if na == 0 and np.linalg.norm(b) == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / na)
