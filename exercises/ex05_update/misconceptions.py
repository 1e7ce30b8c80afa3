"""Wrong variants of `update(w, x, y, learning_rate)` that learners write; each name matches
exercise.toml."""


def gradient_ascent(w, x, y, learning_rate):
    return w + learning_rate * x * 2 * (w * x - y)


def no_learning_rate(w, x, y, learning_rate):
    return w - x * 2 * (w * x - y)


def half_cost_gradient(w, x, y, learning_rate):
    return w - learning_rate * x * (w * x - y)


def missing_x(w, x, y, learning_rate):
    return w - learning_rate * 2 * (w * x - y)


def step_on_a(w, x, y, learning_rate):
    a = w * x
    return a - learning_rate * 2 * (a - y)


def step_only(w, x, y, learning_rate):
    return -learning_rate * x * 2 * (w * x - y)


def example_numbers(w, x, y, learning_rate):
    return w - learning_rate * (4.5 * w - 1.5)


def step_size_only(w, x, y, learning_rate):
    return learning_rate * x * 2 * (w * x - y)


def two_a_minus_y(w, x, y, learning_rate):
    return w - learning_rate * x * (2 * w * x - y)


def divided_by_rate(w, x, y, learning_rate):
    return w - x * 2 * (w * x - y) / learning_rate
