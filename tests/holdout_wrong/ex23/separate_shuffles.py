# Shuffles the images and the labels with two different permutations, so every image is trained against another image's label.
"""Step ex23 (the capstone): teach a network to read handwritten digits.

Edit this file, then run `learn check ex23`.
"""

import numpy as np

from ex15_layer_forward import layer_forward
from ex20_sgd_step import sgd_step

SIZES = [64, 30, 10]
ACTIVATIONS = ["sigmoid", "sigmoid"]


def train_digits(X_train, Y_train, seed):
    """Train a 64-30-10 network, sigmoid on both layers, and return (weights, biases)."""
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in zip(SIZES[:-1], SIZES[1:])]
    biases = [rng.standard_normal((n_out, 1)) for n_out in SIZES[1:]]
    m = X_train.shape[1]
    for epoch in range(30):
        X = X_train[:, rng.permutation(m)]
        Y = Y_train[:, rng.permutation(m)]
        for start in range(0, m, 10):
            weights, biases = sgd_step(weights, biases, ACTIVATIONS, X[:, start:start + 10],
                                       Y[:, start:start + 10], 3.0)
    return weights, biases
