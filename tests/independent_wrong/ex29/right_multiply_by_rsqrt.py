# Right: multiplies by fan_in ** -0.5 and builds the biases with np.zeros_like on a column.
import numpy as np


def init_network(sizes, seed):
    rng = np.random.default_rng(seed)
    pairs = list(zip(sizes[:-1], sizes[1:]))
    weights = []
    for n_in, n_out in pairs:
        weights.append(rng.standard_normal((n_out, n_in)) * n_in ** -0.5)
    biases = [np.zeros_like(W[:, :1]) for W in weights]
    return weights, biases
