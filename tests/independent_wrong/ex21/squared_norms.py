# Forgets the square roots: divides the sum of squared differences by the larger sum of squares.
import numpy as np


def relative_error(a, b):
    sa, sb = np.sum(a ** 2), np.sum(b ** 2)
    if max(sa, sb) == 0:
        return 0.0
    return float(np.sum((a - b) ** 2) / max(sa, sb))
