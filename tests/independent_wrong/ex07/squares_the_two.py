# Writes 1/(2*x)**2, squaring the 2 as well, i.e. 1/(4x^2) for the one-step rate and 1/(2x^2) for divergence.
def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    one_step_rate = 1 / (2 * x) ** 2
    divergence_rate = 2 * one_step_rate
    return one_step_rate, divergence_rate
