# Right: gradients written straight from C = (wx + b - y)^2 without naming the shared error.
def bias_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    return 2 * x * (w * x + b - y), 2 * (w * x + b - y)
