# Writes `gap * 2` where `gap ** 2` (or gap * gap) was meant, so the cost doubles the gap instead of squaring it, a typo that runs.
"""Step ex02: the cost of one answer, C = (a − y)².

Edit this file, then run `learn check ex02`.
"""


def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    gap = a - y
    return gap * 2
