# Writes 2a - y: the 2 multiplies only a, not the whole difference (the slip the README itself warns about).
def cost_derivative(a, y):
    """Return dC/da for C = (a - y)^2."""
    return 2 * a - y
