"""Step ex10: the slope of the sigmoid σ(z) = 1 / (1 + e^(−z)).

Edit this file, then run `learn check ex10`.
"""

import numpy as np  # noqa: F401 - you will want np.exp


def sigmoid_prime(z):
    """Return σ′(z), the slope of the sigmoid at z.

    z is a float, or a numpy array (then work entry by entry and return an array of its shape).
    Example: sigmoid_prime(0.0) is 0.25; sigmoid_prime(1.3) is about 0.168298.
    """
    raise NotImplementedError("write the slope of the sigmoid here")
