# Expands x * 2(wx - y) as 2x^2 w - 2y, forgetting to multiply the y term by x (algebra slip when multiplying out, as in the README's 4.5w - 1.5).
def weight_gradient(w, x, y):
    """Return dC/dw for a = w * x and C = (a - y)^2."""
    return 2 * x * x * w - 2 * y
