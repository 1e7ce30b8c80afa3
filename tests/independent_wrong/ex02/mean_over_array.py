# Returns the mean squared error np.mean((a - y)**2), the habit from "MSE" loss functions, which collapses an array of costs into one number.
import numpy as np


def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return np.mean((a - y) ** 2)
