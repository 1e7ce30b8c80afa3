"""A correct ex21, written the way a learner would."""

import numpy as np


def relative_error(a, b):
    size = max(np.linalg.norm(a), np.linalg.norm(b))
    if size == 0:
        return 0.0                       # both arrays are zero: they are equal
    return float(np.linalg.norm(a - b) / size)
