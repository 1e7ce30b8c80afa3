# Steps along dC/da = 2(a - y) instead of dC/dw, forgetting the input x in the chain rule.
def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    a = w * x
    return w - learning_rate * 2 * (a - y)
