# Returns the gradients in backprop order (dC/dw2 first) instead of the order asked for.
def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2)."""
    a1 = w1 * x
    a2 = w2 * a1
    d = 2 * (a2 - y)
    dC_dw2 = d * a1
    dC_dw1 = d * w2 * x
    return dC_dw2, dC_dw1
