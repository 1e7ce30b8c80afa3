"""Wrong variants of `learning_rate_limits(x)` that learners write; each name matches
exercise.toml."""


def swapped(x):
    return 1 / x**2, 1 / (2 * x**2)


def no_square(x):
    return 1 / (2 * x), 1 / x


def half_cost(x):
    return 1 / x**2, 2 / x**2


def diverges_at_overshoot(x):
    return 1 / (2 * x**2), 1 / (2 * x**2)


def not_inverted(x):
    return 2 * x**2, x**2


def x_squared_over_2(x):
    return 1 / 2 * x**2, 1 / x**2
