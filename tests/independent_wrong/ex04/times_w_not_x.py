# Multiplies by w instead of x, confusing which variable the derivative of a = w*x is taken with respect to.
def weight_gradient(w, x, y):
    """Return dC/dw for a = w * x and C = (a - y)^2."""
    a = w * x
    return 2 * (a - y) * w
