# Steps with dC/da = 2(a − y) instead of dC/dw, dropping the factor x of the chain rule (like forum posts that "update w by the error").
"""Step ex05: one step of gradient descent on the weight.

Edit this file, then run `learn check ex05`.
"""


def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    a = w * x
    error = 2 * (a - y)
    return w - learning_rate * error
