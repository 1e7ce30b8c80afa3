# Right: closed form from C = (w1 w2 x - y)^2, differentiated by hand for each weight.
def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2)."""
    residual = w1 * w2 * x - y
    g1 = 2 * residual * w2 * x
    g2 = 2 * residual * w1 * x
    return g1, g2
