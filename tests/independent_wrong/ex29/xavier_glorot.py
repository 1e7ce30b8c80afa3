# Uses Glorot/Xavier normal scaling sqrt(2/(n_in + n_out)) (Keras' default glorot initialiser) instead of 1/sqrt(n_in).
import numpy as np


def init_network(sizes, seed):
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        weights.append(rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / (n_in + n_out)))
        biases.append(np.zeros((n_out, 1)))
    return weights, biases
