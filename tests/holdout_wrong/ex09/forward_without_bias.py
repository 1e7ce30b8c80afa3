# Copies the forward pass of ex04, a = w · x, and forgets to add the bias, so both gradients use the wrong output.
"""Step ex09: the gradients of a neuron with a weight and a bias, a = w · x + b.

Edit this file, then run `learn check ex09`.
"""


def bias_gradients(w, b, x, y):
    """Return (dC_dw, dC_db) for the cost C = (a − y)², where a = w · x + b."""
    a = w * x
    error = 2 * (a - y)
    return error * x, error
