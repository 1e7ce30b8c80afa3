"""A correct ex03, written the way a learner would."""


def cost_derivative(a, y):
    return 2 * (a - y)
