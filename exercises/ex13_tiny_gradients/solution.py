"""A correct ex13, written the way a learner would: the chain rule, one unit at a time."""

import numpy as np
from ex12_tiny_forward import tiny_forward


def tiny_gradients(x, y, W, b, v, c):
    h, a = tiny_forward(x, W, b, v, c)      # forward pass (ex12)
    dC_da = 2 * (a - y)                     # every chain starts here

    dv = np.zeros(2)
    db = np.zeros(2)
    dW = np.zeros((2, 3))
    for j in range(2):                      # hidden unit j
        dv[j] = dC_da * h[j]                # da/dv_j = h_j
        dh_dz = h[j] * (1 - h[j])           # σ'(z_j), written with h_j = σ(z_j)
        dC_dz = dC_da * v[j] * dh_dz        # unit j's error: da/dh_j = v_j, dh_j/dz_j = σ'(z_j)
        db[j] = dC_dz                       # dz_j/db_j = 1
        for k in range(3):
            dW[j, k] = dC_dz * x[k]         # dz_j/dw_jk = x_k
    dc = dC_da                              # da/dc = 1
    return dW, db, dv, dc
