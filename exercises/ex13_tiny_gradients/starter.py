"""Step ex13: every gradient of the tiny network, by the chain rule.

Edit this file, then run `learn check ex13`.
"""

import numpy as np  # noqa: F401 - you will want np.zeros
from ex12_tiny_forward import tiny_forward  # your ex12 (the grader uses a correct copy)


def tiny_gradients(x, y, W, b, v, c):
    """Return (dW, db, dv, dc) for one sample and the cost C = (a − y)².

    The network is ex12's: h_j = σ(w_j1·x1 + w_j2·x2 + w_j3·x3 + b_j), a = v1·h1 + v2·h2 + c.
    x, W, b, v, c are as in ex12 (shapes (3,), (2, 3), (2,), (2,) and a float); y is a float.
    Return gradients of the same shapes: dW (2, 3) with dW[j, k] the gradient of W[j, k],
    db (2,), dv (2,), and dc a single number.

    Example (the README's): with x = [1.0, 0.5, -1.0], y = 1.0,
    W = [[0.2, -0.4, 0.1], [0.5, 0.3, -0.2]], b = [0.4, -0.1], v = [0.7, -0.3], c = 0.2
    (all numpy arrays), dv ≈ [-0.6912, -0.8172], dc ≈ -1.2033 and dW[0, 0] ≈ -0.2059.
    """
    raise NotImplementedError("write the gradients here")
