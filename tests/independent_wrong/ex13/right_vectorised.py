# Right: vectorised with np.outer and no loop; the forward pass redone by hand instead of calling tiny_forward.
import numpy as np
from ex12_tiny_forward import tiny_forward  # noqa: F401


def tiny_gradients(x, y, W, b, v, c):
    z = W @ x + b
    h = 1.0 / (1.0 + np.exp(-z))
    a = float(v @ h + c)
    out_err = 2.0 * (a - y)
    hidden_err = out_err * v * h * (1.0 - h)
    return np.outer(hidden_err, x), hidden_err.copy(), out_err * h, out_err
