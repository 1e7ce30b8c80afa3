"""Wrong variants of `train(w, x, y, learning_rate, steps)` that learners write; each name
matches exercise.toml."""


def _step(w, x, y, learning_rate):
    return w - learning_rate * x * 2 * (w * x - y)


def cost_after_update(w, x, y, learning_rate, steps):
    costs = []
    for _ in range(steps):
        w = _step(w, x, y, learning_rate)
        costs.append((w * x - y) ** 2)
    return w, costs


def extra_final_cost(w, x, y, learning_rate, steps):
    costs = [(w * x - y) ** 2]
    for _ in range(steps):
        w = _step(w, x, y, learning_rate)
        costs.append((w * x - y) ** 2)
    return w, costs


def gradient_ascent(w, x, y, learning_rate, steps):
    costs = []
    for _ in range(steps):
        costs.append((w * x - y) ** 2)
        w = w + learning_rate * x * 2 * (w * x - y)
    return w, costs


def last_cost_only(w, x, y, learning_rate, steps):
    cost = None
    for _ in range(steps):
        cost = (w * x - y) ** 2
        w = _step(w, x, y, learning_rate)
    return w, cost


def weight_not_updated(w, x, y, learning_rate, steps):
    costs = []
    new_w = w
    for _ in range(steps):
        costs.append((w * x - y) ** 2)
        new_w = _step(w, x, y, learning_rate)
    return new_w, costs


def half_cost_gradient(w, x, y, learning_rate, steps):
    costs = []
    for _ in range(steps):
        costs.append((w * x - y) ** 2)
        w = w - learning_rate * x * (w * x - y)
    return w, costs


def one_step_too_many(w, x, y, learning_rate, steps):
    costs = []
    for _ in range(steps + 1):
        costs.append((w * x - y) ** 2)
        w = _step(w, x, y, learning_rate)
    return w, costs


def one_step_too_few(w, x, y, learning_rate, steps):
    costs = []
    for _ in range(steps - 1):
        costs.append((w * x - y) ** 2)
        w = _step(w, x, y, learning_rate)
    return w, costs


def returned_in_wrong_order(w, x, y, learning_rate, steps):
    costs = []
    for _ in range(steps):
        costs.append((w * x - y) ** 2)
        w = _step(w, x, y, learning_rate)
    return costs, w


def output_not_recomputed(w, x, y, learning_rate, steps):
    costs = []
    a = w * x
    for _ in range(steps):
        costs.append((a - y) ** 2)
        w = w - learning_rate * x * 2 * (a - y)
    return w, costs
