# Power-rule slip: brings the 2 down but keeps the exponent, 2(a - y)^2 instead of 2(a - y)^1.
def cost_derivative(a, y):
    """Return dC/da for C = (a - y)^2."""
    return 2 * (a - y) ** 2
