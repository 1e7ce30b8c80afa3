# Uses the legacy np.random.seed + np.random.randn of older tutorials instead of the default_rng generator, so the draws cannot be replayed.
import numpy as np


def init_network(sizes, seed):
    np.random.seed(seed)
    weights = [np.random.randn(n_out, n_in) / np.sqrt(n_in)
               for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [np.zeros((n_out, 1)) for n_out in sizes[1:]]
    return weights, biases
