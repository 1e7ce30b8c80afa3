"""Step ex08: the gradients of two weights in a chain, a1 = w1 · x, a2 = w2 · a1.

Edit this file, then run `learn check ex08`.
"""


def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2) for the cost C = (a2 − y)², where a1 = w1 · x and a2 = w2 · a1.

    w1, w2, x and y are all floats, or all numpy arrays of the same shape (then work entry by
    entry and return two arrays).
    Example: chain_gradients(0.8, 0.5, 1.5, 0.5) is (0.15, 0.24), up to rounding.
    """
    raise NotImplementedError("write the two gradients here")
