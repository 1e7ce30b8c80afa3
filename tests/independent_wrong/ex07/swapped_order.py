# Returns the two rates in the wrong order (divergence first).
def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    one_step_rate = 1 / (2 * x ** 2)
    divergence_rate = 1 / x ** 2
    return divergence_rate, one_step_rate
