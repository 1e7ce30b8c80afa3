# Squares each term separately, a**2 - y**2, instead of squaring the difference (algebra slip: (a - y)^2 is not a^2 - y^2).
def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return a ** 2 - y ** 2
