# Uses dC/da2 = a2 - y (the 1/2-cost convention of Nielsen's book), halving both gradients.
def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2)."""
    a1 = w1 * x
    a2 = w2 * a1
    d = a2 - y
    return d * w2 * x, d * a1
