# Right: the gap added to itself instead of multiplied by 2.
def cost_derivative(a, y):
    """Return dC/da for C = (a - y)^2."""
    gap = a - y
    return gap + gap
