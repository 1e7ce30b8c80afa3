# Computes in float32, as PyTorch tensors do by default, losing precision against a float64 check.
import numpy as np


def sigmoid_prime(z):
    """Return sigma'(z)."""
    z32 = np.asarray(z, dtype=np.float32)
    s = 1 / (1 + np.exp(-z32))
    out = s * (1 - s)
    return out if np.ndim(out) else float(out)
