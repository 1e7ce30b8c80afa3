"""Wrong versions of train_digits(X_train, Y_train, seed), each the README's training with one
slip, written the way a learner would (they import the learner's ex20, as the capstone does).
The capstone is graded by score (score.py), not by comparison, so these are not declared in
exercise.toml: score.py names each from the trained network alone, and the tests grade every
one of them as a learner's file."""

import numpy as np
from ex20_sgd_step import sgd_step

SIZES = [64, 30, 10]
ACTIVATIONS = ["sigmoid", "sigmoid"]


def _train(X_train, Y_train, rng, weights, biases, keep=True, epochs=30):
    m = X_train.shape[1]
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, 10):
            batch = order[start:start + 10]
            stepped = sgd_step(weights, biases, ACTIVATIONS, X_train[:, batch],
                               Y_train[:, batch], 3.0)
            if keep:
                weights, biases = stepped
    return weights, biases


def zero_start(X_train, Y_train, seed):
    """Every weight and bias 0: the 30 hidden units are one unit, copied."""
    rng = np.random.default_rng(seed)
    weights = [np.zeros((n_out, n_in)) for n_in, n_out in zip(SIZES[:-1], SIZES[1:], strict=True)]
    biases = [np.zeros((n_out, 1)) for n_out in SIZES[1:]]
    return _train(X_train, Y_train, rng, weights, biases)


def weights_never_moved(X_train, Y_train, seed):
    """The README's start, and sgd_step called without keeping what it returns."""
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in zip(SIZES[:-1], SIZES[1:], strict=True)]
    biases = [rng.standard_normal((n_out, 1)) for n_out in SIZES[1:]]
    return _train(X_train, Y_train, rng, weights, biases, keep=False)


def saturated_hidden_units(X_train, Y_train, seed):
    """Every weight uniform in [0, 1] (np.random.rand's habit): z of a hidden unit sums 64
    positive terms, about 10 for a digit, where σ′(z) ≈ 0."""
    rng = np.random.default_rng(seed)
    weights = [rng.random((n_out, n_in)) for n_in, n_out in zip(SIZES[:-1], SIZES[1:], strict=True)]
    biases = [rng.random((n_out, 1)) for n_out in SIZES[1:]]
    return _train(X_train, Y_train, rng, weights, biases)
