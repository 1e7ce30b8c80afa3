# Derives the limits for the 1/2-scaled cost (error factor 1 - rate*x^2, Nielsen's convention), giving 1/x^2 and 2/x^2.
def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    return 1 / x ** 2, 2 / x ** 2
