# Right: np.square of y - a (the order of the subtraction does not matter once squared).
import numpy as np


def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return np.square(y - a)
