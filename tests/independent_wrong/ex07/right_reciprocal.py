# Right: uses np.reciprocal of np.square, halved for the one-step rate.
import numpy as np


def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    inv = np.reciprocal(np.square(np.asarray(x, dtype=float)))
    if np.ndim(inv) == 0:
        inv = float(inv)
    return 0.5 * inv, inv
