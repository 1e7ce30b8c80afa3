# Forgets that the error factor has x squared (one x from da/dw, one from the new output) and uses 1/(2x) and 1/x.
def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    return 1 / (2 * x), 1 / x
