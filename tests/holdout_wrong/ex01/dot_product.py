# Reads Nielsen's "w · x" as a dot product and calls np.dot, which sums the entries of two arrays into one number instead of multiplying entry by entry.
"""Step ex01: the forward pass of one neuron with one weight and no bias.

Edit this file, then run `learn check ex01`.
"""

import numpy as np


def forward(w, x):
    """Return the neuron's output a for weight w and input x."""
    return np.dot(w, x)
