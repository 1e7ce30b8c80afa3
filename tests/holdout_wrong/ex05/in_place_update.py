# Updates with `w -= ...`, which on a numpy array overwrites the caller's weights (the aliasing bug of many numpy Stack Overflow questions) even though the returned value is right.
"""Step ex05: one step of gradient descent on the weight.

Edit this file, then run `learn check ex05`.
"""


def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent."""
    a = w * x
    dC_dw = x * 2 * (a - y)
    w -= learning_rate * dC_dw
    return w
