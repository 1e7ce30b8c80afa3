# Right: uses np.multiply with the arguments in the other order instead of w * x.
import numpy as np


def forward(w, x):
    """Return the neuron's output a for weight w and input x."""
    output = np.multiply(x, w)
    return output
