# Uses the gradient-check formula of Andrew Ng's Deep Learning course, ‖a − b‖ / (‖a‖ + ‖b‖), dividing by the sum of the norms instead of the larger one.
"""Step ex21: the relative error between two arrays, ‖a − b‖ / max(‖a‖, ‖b‖).

Edit this file, then run `learn check ex21`.
"""

import numpy as np


def relative_error(a, b):
    """Return ‖a − b‖ / max(‖a‖, ‖b‖) as a float, and 0.0 when a and b are both all zeros."""
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)
