# Right: derivative of the expanded cost a^2 - 2ay + y^2, term by term.
def cost_derivative(a, y):
    """Return dC/da for C = (a - y)^2."""
    return 2 * a - 2 * y
