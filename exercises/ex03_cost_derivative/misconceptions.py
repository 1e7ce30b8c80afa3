"""Wrong variants of `cost_derivative(a, y)` that learners write; each name matches
exercise.toml."""


def two_a_minus_y(a, y):
    return 2 * a - y


def half_cost_derivative(a, y):
    return a - y


def flipped_sign(a, y):
    return 2 * (y - a)


def returned_the_cost(a, y):
    return (a - y) ** 2


def two_a(a, y):
    return 2 * a


def exponent_kept(a, y):
    return 2 * (a - y) ** 2
