# Right: solves 1 - 2*rate*x^2 = target for target 0 and -1 with one small helper.
def _rate_for_factor(x, target):
    return (1 - target) / (2 * x * x)


def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x."""
    return _rate_for_factor(x, 0.0), _rate_for_factor(x, -1.0)
