# Right: uses the ex07 result that each step multiplies the error by (1 - 2*rate*x^2), then recovers w from the error.
def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    factor = 1 - 2 * learning_rate * x * x
    e = w * x - y
    costs = []
    for _ in range(steps):
        costs.append(e * e)
        w = w - learning_rate * 2 * x * e
        e = e * factor
    return w, costs
