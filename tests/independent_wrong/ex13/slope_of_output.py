# Uses the output's slope a(1 - a) instead of the hidden unit's h_j(1 - h_j): the sigmoid derivative taken at the wrong layer (a used where h belongs).
import numpy as np
from ex12_tiny_forward import tiny_forward


def tiny_gradients(x, y, W, b, v, c):
    h, a = tiny_forward(x, W, b, v, c)
    d = 2 * (a - y)
    dv = np.zeros(2)
    db = np.zeros(2)
    dW = np.zeros((2, 3))
    for j in range(2):
        dv[j] = d * h[j]
        err = d * v[j] * a * (1 - a)
        db[j] = err
        dW[j, :] = err * x
    return dW, db, dv, d
