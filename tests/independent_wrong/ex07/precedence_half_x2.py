# Writes 1 / 2 * x**2, which Python reads as (1/2)*x^2, a precedence slip.
def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    one_step_rate = 1 / 2 * x ** 2
    divergence_rate = 1 / x ** 2
    return one_step_rate, divergence_rate
