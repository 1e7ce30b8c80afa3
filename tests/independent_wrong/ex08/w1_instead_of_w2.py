# Backpropagates through the wrong weight: multiplies dC/dw1 by w1 (the weight being differentiated) instead of w2.
def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2)."""
    a1 = w1 * x
    a2 = w2 * a1
    d = 2 * (a2 - y)
    return d * w1 * x, d * a1
