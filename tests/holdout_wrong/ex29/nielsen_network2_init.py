# Copies Nielsen's network2.py default_weight_initializer: the legacy np.random generator, random N(0, 1) biases drawn first, then weights randn/√n_in.
"""Step ex29: the first weights of a network.

Edit this file, then run `learn check ex29`.
"""

import numpy as np


def init_network(sizes, seed):
    """Return (weights, biases), the start of a network with these layer sizes."""
    np.random.seed(seed)
    biases = [np.random.randn(y, 1) for y in sizes[1:]]
    weights = [np.random.randn(y, x) / np.sqrt(x) for x, y in zip(sizes[:-1], sizes[1:])]
    return weights, biases
