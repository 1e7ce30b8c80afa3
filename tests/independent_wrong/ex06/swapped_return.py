# Returns (costs, w_final) instead of (w_final, costs).
def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    costs = []
    for _ in range(steps):
        a = w * x
        costs.append((a - y) ** 2)
        w = w - learning_rate * 2 * x * (a - y)
    return costs, w
