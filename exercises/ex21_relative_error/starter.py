"""Step ex21: the relative error between two arrays, ‖a − b‖ / max(‖a‖, ‖b‖).

Edit this file, then run `learn check ex21`.
"""

import numpy as np  # noqa: F401 - np.linalg.norm is the length of an array


def relative_error(a, b):
    """Return ‖a − b‖ / max(‖a‖, ‖b‖) as a float, and 0.0 when a and b are both all zeros.

    a, b: numpy arrays of the same shape, any shape (a weight matrix, a bias column, ...);
          ‖·‖ is the length over all entries: the square root of the sum of the squares.

    Example: relative_error(np.array([3.0, 4.0]), np.array([3.0, 4.1])) is about 0.019684
    (‖a − b‖ = 0.1, ‖a‖ = 5, ‖b‖ = 5.0804).
    """
    raise NotImplementedError("write the relative error here")
