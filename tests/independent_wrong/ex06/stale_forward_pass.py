# Computes the forward pass a = w*x once before the loop, so every step reuses the starting output (a classic "forgot to recompute inside the loop" bug).
def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    costs = []
    a = w * x
    for _ in range(steps):
        costs.append((a - y) ** 2)
        w = w - learning_rate * 2 * x * (a - y)
    return w, costs
