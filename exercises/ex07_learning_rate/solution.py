"""A correct ex07, written the way a learner would."""


def learning_rate_limits(x):
    # One update multiplies the error w·x − y by (1 − 2·rate·x²).
    one_step_rate = 1 / (2 * x**2)    # the factor is 0: one step lands on the best weight
    divergence_rate = 1 / x**2        # the factor is −1: any bigger and the error grows
    return one_step_rate, divergence_rate
