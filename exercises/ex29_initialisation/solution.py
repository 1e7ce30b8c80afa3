"""A correct ex29, written the way a learner would: one generator, one draw per layer."""

import numpy as np


def init_network(sizes, seed):
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        weights.append(rng.standard_normal((n_out, n_in)) / np.sqrt(n_in))  # z stays O(1)
        biases.append(np.zeros((n_out, 1)))  # the random weights already break the symmetry
    return weights, biases
