# Adds the gradient to the weight (gradient ascent), so the cost grows instead of shrinking.
def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    costs = []
    for _ in range(steps):
        a = w * x
        costs.append((a - y) ** 2)
        w = w + learning_rate * 2 * x * (a - y)
    return w, costs
