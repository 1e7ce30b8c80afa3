# Makes a new generator from the seed inside the loop, so every layer replays the same first draws instead of continuing one stream.
import numpy as np


def init_network(sizes, seed):
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        rng = np.random.default_rng(seed)
        weights.append(rng.standard_normal((n_out, n_in)) / np.sqrt(n_in))
        biases.append(np.zeros((n_out, 1)))
    return weights, biases
