# Writes 1 / (2 * x) ** 2, squaring the 2 along with x, so the one-step rate is 1/(4x²) instead of 1/(2x²).
"""Step ex07: the learning rates that matter, for one neuron a = w · x and C = (a − y)².

Edit this file, then run `learn check ex07`.
"""


def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    one_step_rate = 1 / (2 * x) ** 2
    divergence_rate = 1 / x ** 2
    return one_step_rate, divergence_rate
