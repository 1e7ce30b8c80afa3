# Gives the output weights dC/dv_j = 2(a − y) · v_j, multiplying by the weight itself instead of the hidden activation h_j it multiplies.
"""Step ex13: every gradient of the tiny network, by the chain rule.

Edit this file, then run `learn check ex13`.
"""

import numpy as np
from ex12_tiny_forward import tiny_forward


def tiny_gradients(x, y, W, b, v, c):
    """Return (dW, db, dv, dc) for one sample and the cost C = (a − y)²."""
    h, a = tiny_forward(x, W, b, v, c)
    dC_da = 2 * (a - y)
    dW = np.zeros((2, 3))
    db = np.zeros(2)
    dv = np.zeros(2)
    for j in range(2):
        dv[j] = dC_da * v[j]
        dC_dz = dC_da * v[j] * h[j] * (1 - h[j])
        db[j] = dC_dz
        for k in range(3):
            dW[j, k] = dC_dz * x[k]
    dc = dC_da
    return dW, db, dv, dc
