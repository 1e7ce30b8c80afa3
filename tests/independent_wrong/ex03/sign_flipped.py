# Writes 2(y - a), the "error" as target minus output used in some perceptron-rule texts, which flips the sign of the derivative.
def cost_derivative(a, y):
    """Return dC/da for C = (a - y)^2."""
    return 2 * (y - a)
