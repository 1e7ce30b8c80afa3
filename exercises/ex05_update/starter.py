"""Step ex05: one step of gradient descent on the weight.

Edit this file, then run `learn check ex05`.
"""


def update(w, x, y, learning_rate):
    """Return the new weight after one step of gradient descent.

    The neuron is a = w · x (ex01), the cost C = (a − y)², and dC/dw is the gradient of ex04.

    w, x and y are all floats, or all numpy arrays of the same shape (then work entry by entry).
    learning_rate is a small positive float, or an array of that same shape (one rate per entry).
    Example: update(0.8, 1.5, 0.5, 0.1) is 0.59.
    """
    raise NotImplementedError("write the update here")
