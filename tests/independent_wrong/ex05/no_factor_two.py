# Uses the 1/2-cost gradient x(a - y) (Nielsen's convention), so the step is half as long as it should be.
def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    a = w * x
    return w - learning_rate * x * (a - y)
