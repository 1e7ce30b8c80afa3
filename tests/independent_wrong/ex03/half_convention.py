# Returns a - y, the derivative of the textbook cost 1/2 (a - y)^2 (Nielsen's book), not of (a - y)^2.
def cost_derivative(a, y):
    """Return dC/da for C = (a - y)^2."""
    return a - y
