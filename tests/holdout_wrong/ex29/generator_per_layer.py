# Makes a fresh np.random.default_rng(seed) inside the layer loop, so every layer restarts the same random stream instead of continuing one generator.
"""Step ex29: the first weights of a network.

Edit this file, then run `learn check ex29`.
"""

import numpy as np


def init_network(sizes, seed):
    """Return (weights, biases), the start of a network with these layer sizes."""
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        rng = np.random.default_rng(seed)
        weights.append(rng.standard_normal((n_out, n_in)) / np.sqrt(n_in))
        biases.append(np.zeros((n_out, 1)))
    return weights, biases
