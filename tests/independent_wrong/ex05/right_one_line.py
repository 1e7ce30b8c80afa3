# Right: the whole step written as one expression with the factors in another order.
def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    return w - 2.0 * learning_rate * x * (x * w - y)
