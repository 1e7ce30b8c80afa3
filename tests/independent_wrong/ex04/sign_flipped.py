# Uses the error as y - a (target minus output), so the gradient points uphill in w.
def weight_gradient(w, x, y):
    """Return dC/dw for a = w * x and C = (a - y)^2."""
    a = w * x
    return 2 * x * (y - a)
