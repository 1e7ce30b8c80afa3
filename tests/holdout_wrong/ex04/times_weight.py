# Takes da/dw as w instead of x (differentiating a = w·x with respect to the wrong variable), so the chain rule multiplies by the weight.
"""Step ex04: the chain rule, dC/dw for one neuron with one weight and no bias.

Edit this file, then run `learn check ex04`.
"""


def weight_gradient(w, x, y):
    """Return dC/dw: how fast the cost C = (a − y)² changes as the weight w changes."""
    a = w * x
    dC_da = 2 * (a - y)
    da_dw = w
    return dC_da * da_dw
