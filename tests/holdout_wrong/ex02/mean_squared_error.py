# Uses the mean squared error of scikit-learn/Keras, np.mean((a - y)**2), which averages an array of costs into one number instead of returning one cost per entry.
"""Step ex02: the cost of one answer, C = (a − y)².

Edit this file, then run `learn check ex02`.
"""

import numpy as np


def cost(a, y):
    """Return the cost C for the neuron's output a and the target y."""
    return np.mean((a - y) ** 2)
