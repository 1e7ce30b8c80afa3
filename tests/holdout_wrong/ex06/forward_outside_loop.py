# Computes a = w · x once before the loop, so every step reuses the starting output: the costs never change and the gradient is stale.
"""Step ex06: the training loop, the ex05 update repeated.

Edit this file, then run `learn check ex06`.
"""


def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    costs = []
    a = w * x
    for _ in range(steps):
        costs.append((a - y) ** 2)
        dC_dw = x * 2 * (a - y)
        w = w - learning_rate * dC_dw
    return w, costs
