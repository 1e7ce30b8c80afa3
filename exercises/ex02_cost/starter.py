"""Step ex02: the cost of one answer, C = (a − y)².

Edit this file, then run `learn check ex02`.
"""


def cost(a, y):
    """Return the cost C for the neuron's output a and the target y.

    a and y are both floats, or both numpy arrays of the same shape (then work entry by entry).
    Example: cost(1.2, 0.5) is 0.49 (Python may print 0.48999999999999994; that is fine).
    """
    raise NotImplementedError("write the cost here")
