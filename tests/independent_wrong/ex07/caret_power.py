# Writes x^2 for "x squared", which in Python is bitwise XOR, not a power (common slip for people coming from maths or MATLAB).
def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    one_step_rate = 1 / (2 * x ^ 2)
    divergence_rate = 1 / (x ^ 2)
    return one_step_rate, divergence_rate
