"""Wrong variants of `chain_gradients(w1, w2, x, y)` that learners write; each name matches
exercise.toml."""


def missing_w2(w1, w2, x, y):
    a1 = w1 * x
    a2 = w2 * a1
    return 2 * (a2 - y) * x, 2 * (a2 - y) * a1


def swapped(w1, w2, x, y):
    a1 = w1 * x
    a2 = w2 * a1
    return 2 * (a2 - y) * a1, 2 * (a2 - y) * w2 * x


def half_cost_gradients(w1, w2, x, y):
    a1 = w1 * x
    a2 = w2 * a1
    return (a2 - y) * w2 * x, (a2 - y) * a1


def a2_instead_of_a1(w1, w2, x, y):
    a1 = w1 * x
    a2 = w2 * a1
    return 2 * (a2 - y) * w2 * x, 2 * (a2 - y) * a2


def x_instead_of_a1(w1, w2, x, y):
    a1 = w1 * x
    a2 = w2 * a1
    return 2 * (a2 - y) * w2 * x, 2 * (a2 - y) * x


def flipped_sign(w1, w2, x, y):
    a1 = w1 * x
    a2 = w2 * a1
    return 2 * (y - a2) * w2 * x, 2 * (y - a2) * a1


def w1_instead_of_w2(w1, w2, x, y):
    a1 = w1 * x
    a2 = w2 * a1
    return 2 * (a2 - y) * w1 * x, 2 * (a2 - y) * a1
