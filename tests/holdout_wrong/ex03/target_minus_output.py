# Writes the error as target minus output, 2(y − a), as in the perceptron/delta-rule tutorials that use e = y − a, so the sign of the derivative is flipped.
"""Step ex03: the derivative of the cost C = (a − y)² with respect to the output a.

Edit this file, then run `learn check ex03`.
"""


def cost_derivative(a, y):
    """Return dC/da, the slope of the cost C = (a − y)² as the output a changes."""
    error = y - a
    return 2 * error
