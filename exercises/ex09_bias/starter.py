"""Step ex09: the gradients of a neuron with a weight and a bias, a = w · x + b.

Edit this file, then run `learn check ex09`.
"""


def bias_gradients(w, b, x, y):
    """Return (dC_dw, dC_db) for the cost C = (a − y)², where a = w · x + b.

    w, b, x and y are all floats, or all numpy arrays of the same shape (then work entry by
    entry and return two arrays).
    Example: bias_gradients(0.8, 0.1, 1.5, 0.5) is (2.4, 1.6), up to rounding.
    """
    raise NotImplementedError("write the two gradients here")
