# Shuffles the images and the labels with two different permutations, so images no longer match their labels (a classic data-loading bug).
import numpy as np

from ex15_layer_forward import layer_forward  # noqa: F401
from ex20_sgd_step import sgd_step

SIZES = [64, 30, 10]
ACTS = ["sigmoid", "sigmoid"]


def train_digits(X_train, Y_train, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in zip(SIZES[:-1], SIZES[1:])]
    biases = [rng.standard_normal((n_out, 1)) for n_out in SIZES[1:]]
    m = X_train.shape[1]
    for epoch in range(30):
        X = X_train[:, rng.permutation(m)]
        Y = Y_train[:, rng.permutation(m)]
        for start in range(0, m, 10):
            weights, biases = sgd_step(weights, biases, ACTS, X[:, start:start + 10],
                                       Y[:, start:start + 10], 3.0)
    return weights, biases
