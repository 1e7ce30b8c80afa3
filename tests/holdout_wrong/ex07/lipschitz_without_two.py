# Applies the optimisation rule "η = 1/L converges in one step, η < 2/L is stable" with L = x² instead of the true curvature 2x², so both rates come out twice too big.
"""Step ex07: the learning rates that matter, for one neuron a = w · x and C = (a − y)².

Edit this file, then run `learn check ex07`.
"""


def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    L = x ** 2
    return 1 / L, 2 / L
