"""A correct ex06, written the way a learner would."""


def train(w, x, y, learning_rate, steps):
    costs = []
    for _ in range(steps):
        a = w * x                      # forward pass (ex01)
        costs.append((a - y) ** 2)     # the cost BEFORE this update (ex02)
        dC_dw = x * 2 * (a - y)        # the gradient (ex04)
        w = w - learning_rate * dC_dw  # one step downhill (ex05)
    return w, costs
