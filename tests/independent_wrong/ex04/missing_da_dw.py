# Stops the chain rule at dC/da = 2(a - y) and forgets to multiply by da/dw = x.
def weight_gradient(w, x, y):
    """Return dC/dw for a = w * x and C = (a - y)^2."""
    a = w * x
    return 2 * (a - y)
