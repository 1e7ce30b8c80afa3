# Right: copies w first and then updates the copy in place, so the caller's array is untouched.
import numpy as np


def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    new_w = np.array(w, dtype=float, copy=True)
    new_w -= learning_rate * 2 * (w * x - y) * x
    if np.ndim(new_w) == 0:
        return float(new_w)
    return new_w
