# Updates with w -= ..., which overwrites the caller's numpy array in place (the aliasing bug the README warns about).
def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    a = w * x
    grad = 2 * x * (a - y)
    w -= learning_rate * grad
    return w
