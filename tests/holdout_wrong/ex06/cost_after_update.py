# Records the cost after the update instead of before it, an off-by-one in the cost history (like plotting the loss after optimizer.step()).
"""Step ex06: the training loop, the ex05 update repeated.

Edit this file, then run `learn check ex06`.
"""


def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    costs = []
    for _ in range(steps):
        a = w * x
        dC_dw = x * 2 * (a - y)
        w = w - learning_rate * dC_dw
        costs.append((w * x - y) ** 2)
    return w, costs
