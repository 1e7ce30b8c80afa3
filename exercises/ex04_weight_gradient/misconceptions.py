"""Wrong variants of `weight_gradient(w, x, y)` that learners write; each name matches
exercise.toml."""


def missing_x(w, x, y):
    return 2 * (w * x - y)


def flipped_sign(w, x, y):
    return x * 2 * (y - w * x)


def half_cost_gradient(w, x, y):
    return x * (w * x - y)


def two_a_minus_y(w, x, y):
    return x * (2 * w * x - y)


def x_twice(w, x, y):
    return x * x * 2 * (w * x - y)


def w_instead_of_x(w, x, y):
    return w * 2 * (w * x - y)


def a_instead_of_x(w, x, y):
    return 2 * (w * x - y) * w * x


def example_numbers(w, x, y):
    return 4.5 * w - 1.5


def y_term_missed_x(w, x, y):
    return 2 * x**2 * w - 2 * y
