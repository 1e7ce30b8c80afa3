# Loops over range(1, steps), counting steps from 1 as in the maths, and so takes one step too few.
def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    costs = []
    for step in range(1, steps):
        a = w * x
        costs.append((a - y) ** 2)
        w = w - learning_rate * 2 * x * (a - y)
    return w, costs
