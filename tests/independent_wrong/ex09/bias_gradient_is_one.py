# Takes da/db = 1 as the whole bias gradient, forgetting to multiply it by dC/da.
def bias_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    import numpy as np
    a = w * x + b
    err = 2 * (a - y)
    return err * x, np.ones_like(err) if np.ndim(err) else 1.0
