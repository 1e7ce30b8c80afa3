# Writes (a - y) * 2 instead of (a - y) ** 2: doubles the gap instead of squaring it.
def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return (a - y) * 2
