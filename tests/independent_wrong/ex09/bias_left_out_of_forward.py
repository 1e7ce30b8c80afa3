# Forgets to add b in the forward pass, so both gradients use the output of the bias-free neuron from ex04.
def bias_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    a = w * x
    err = 2 * (a - y)
    return err * x, err
