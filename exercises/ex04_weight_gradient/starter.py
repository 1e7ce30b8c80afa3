"""Step ex04: the chain rule, dC/dw for one neuron with one weight and no bias.

Edit this file, then run `learn check ex04`.
"""


def weight_gradient(w, x, y):
    """Return dC/dw: how fast the cost C = (a − y)² changes as the weight w changes.

    The neuron is a = w · x, as in ex01.

    w, x and y are all floats, or all numpy arrays of the same shape (then work entry by entry).
    Example: weight_gradient(0.8, 1.5, 0.5) is 2.1.
    """
    raise NotImplementedError("write the gradient here")
