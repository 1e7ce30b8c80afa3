# Draws W as (n_in, n_out), the CS231n / samples-as-rows layout, and transposes it: right shape, but the replayed numbers land in the wrong places.
import numpy as np


def init_network(sizes, seed):
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        weights.append((rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).T)
        biases.append(np.zeros((n_out, 1)))
    return weights, biases
