# Borrows CS231n's batch rule db = np.sum(dout) and sums the bias gradient over all entries, though here every entry is its own neuron.
"""Step ex09: the gradients of a neuron with a weight and a bias, a = w · x + b.

Edit this file, then run `learn check ex09`.
"""

import numpy as np


def bias_gradients(w, b, x, y):
    """Return (dC_dw, dC_db) for the cost C = (a − y)², where a = w · x + b."""
    a = w * x + b
    error = 2 * (a - y)
    dC_dw = error * x
    dC_db = np.sum(error)
    return dC_dw, dC_db
