# Passes the error back through w1 instead of w2 (an index slip: the weight of the neuron itself, not the one after it).
"""Step ex08: the gradients of two weights in a chain, a1 = w1 · x, a2 = w2 · a1.

Edit this file, then run `learn check ex08`.
"""


def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2) for the cost C = (a2 − y)², where a1 = w1 · x and a2 = w2 · a1."""
    a1 = w1 * x
    a2 = w2 * a1
    dC_da2 = 2 * (a2 - y)
    dC_dw2 = dC_da2 * a1
    dC_da1 = dC_da2 * w1
    dC_dw1 = dC_da1 * x
    return dC_dw1, dC_dw2
