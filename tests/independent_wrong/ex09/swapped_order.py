# Returns (dC_db, dC_dw) instead of (dC_dw, dC_db).
def bias_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    a = w * x + b
    err = 2 * (a - y)
    return err, err * x
