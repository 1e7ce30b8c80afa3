# Right: uses sigma(z) = (1 + tanh(z/2)) / 2, which gives sigma'(z) = (1 - tanh(z/2)^2) / 4.
import numpy as np


def sigmoid_prime(z):
    """Return sigma'(z)."""
    t = np.tanh(np.asarray(z, dtype=float) / 2)
    out = (1 - t * t) / 4
    return out if np.ndim(out) else float(out)
