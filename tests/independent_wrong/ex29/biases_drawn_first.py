# Draws random biases from the generator before the weights (Nielsen's network.py order), which both makes the biases non-zero and shifts every weight draw.
import numpy as np


def init_network(sizes, seed):
    rng = np.random.default_rng(seed)
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, biases
