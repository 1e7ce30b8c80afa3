# Right: the gradient multiplied out, 2 x^2 w - 2 x y.
def weight_gradient(w, x, y):
    """Return dC/dw for a = w * x and C = (a - y)^2."""
    return 2 * x * x * w - 2 * x * y
