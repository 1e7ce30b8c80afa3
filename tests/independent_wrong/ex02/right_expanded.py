# Right: the square written out as a^2 - 2ay + y^2.
def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return a * a - 2 * a * y + y * y
