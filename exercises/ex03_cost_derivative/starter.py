"""Step ex03: the derivative of the cost C = (a − y)² with respect to the output a.

Edit this file, then run `learn check ex03`.
"""


def cost_derivative(a, y):
    """Return dC/da, the slope of the cost C = (a − y)² as the output a changes.

    a and y are both floats, or both numpy arrays of the same shape (then work entry by entry).
    Example: cost_derivative(1.2, 0.5) is 1.4.
    """
    raise NotImplementedError("write the derivative here")
