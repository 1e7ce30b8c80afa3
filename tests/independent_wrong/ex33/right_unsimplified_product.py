# Right (kept from a would-be slip): dC/da = -y/a + (1-y)/(1-a) times sigma'(z) recomputed from Z, not simplified; it equals a - y and, because sigma(Z) is recomputed exactly as A was, the rounding cancels too.
import numpy as np


def output_error_cross_entropy(Z, A, Y):
    dC_dA = -Y / A + (1 - Y) / (1 - A)
    s = 1 / (1 + np.exp(-Z))
    return dC_dA * s * (1 - s)
