# Divides the gradient by the learning rate instead of multiplying by it.
def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    a = w * x
    grad = 2 * x * (a - y)
    return w - grad / learning_rate
