# Uses the network input x as the input of the second weight, instead of a1 (treating every weight as if it touched x).
def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2)."""
    a1 = w1 * x
    a2 = w2 * a1
    d = 2 * (a2 - y)
    return d * w2 * x, d * x
