# Records the cost after the update instead of before it, so every cost is shifted one step along (off-by-one in the order of operations).
def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    costs = []
    for _ in range(steps):
        a = w * x
        w = w - learning_rate * 2 * x * (a - y)
        costs.append((w * x - y) ** 2)
    return w, costs
