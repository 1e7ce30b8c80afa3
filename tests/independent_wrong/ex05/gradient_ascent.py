# Adds the gradient instead of subtracting it (gradient ascent), the sign error behind many "my loss goes up" forum posts.
def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    a = w * x
    grad = 2 * x * (a - y)
    return w + learning_rate * grad
