# Uses the absolute error |a - y| (L1 loss) instead of the squared error.
def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return abs(a - y)
