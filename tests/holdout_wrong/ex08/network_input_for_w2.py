# Multiplies the last weight's gradient by the network input x instead of its own input a1, as if every weight saw x.
"""Step ex08: the gradients of two weights in a chain, a1 = w1 · x, a2 = w2 · a1.

Edit this file, then run `learn check ex08`.
"""


def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2) for the cost C = (a2 − y)², where a1 = w1 · x and a2 = w2 · a1."""
    a1 = w1 * x
    a2 = w2 * a1
    dC_da2 = 2 * (a2 - y)
    dC_dw2 = dC_da2 * x
    dC_dw1 = dC_da2 * w2 * x
    return dC_dw1, dC_dw2
