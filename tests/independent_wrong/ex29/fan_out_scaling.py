# Scales by 1/sqrt(n_out), taking the first dimension of W's shape as the layer's fan-in.
import numpy as np


def init_network(sizes, seed):
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = rng.standard_normal((n_out, n_in))
        weights.append(W / np.sqrt(W.shape[0]))
        biases.append(np.zeros((n_out, 1)))
    return weights, biases
