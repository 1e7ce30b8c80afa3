# Wrote a - y ** 2 without brackets, so Python squares only y (operator precedence slip common for beginners).
def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return a - y ** 2
