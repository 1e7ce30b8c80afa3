# Leaves out the factor w2 (da2/da1) in dC/dw1, the link the README calls easy to forget; a common first-backprop slip.
def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2)."""
    a1 = w1 * x
    a2 = w2 * a1
    d = 2 * (a2 - y)
    return d * x, d * a1
