# Uses the gradient of the 1/2-scaled cost, x(a - y), inside the loop (Nielsen/Ng convention), so each step is half as long.
def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    costs = []
    for _ in range(steps):
        a = w * x
        costs.append((a - y) ** 2)
        w = w - learning_rate * x * (a - y)
    return w, costs
