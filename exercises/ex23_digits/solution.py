"""A correct ex23, written the way a learner would: the ex20 step in a loop of shuffled epochs."""

import numpy as np
from ex15_layer_forward import layer_forward
from ex20_sgd_step import sgd_step

SIZES = [64, 30, 10]
ACTIVATIONS = ["sigmoid", "sigmoid"]


def training_accuracy(weights, biases, X, Y):
    A = X
    for W, b, activation in zip(weights, biases, ACTIVATIONS):
        _, A = layer_forward(W, b, A, activation)
    return np.mean(A.argmax(axis=0) == Y.argmax(axis=0))


def train_digits(X_train, Y_train, seed, epochs=30, batch_size=10, learning_rate=3.0):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in zip(SIZES[:-1], SIZES[1:])]
    biases = [rng.standard_normal((n_out, 1)) for n_out in SIZES[1:]]

    m = X_train.shape[1]
    for epoch in range(1, epochs + 1):
        order = rng.permutation(m)  # a fresh shuffle every epoch
        for start in range(0, m, batch_size):
            batch = order[start:start + batch_size]
            weights, biases = sgd_step(weights, biases, ACTIVATIONS, X_train[:, batch],
                                       Y_train[:, batch], learning_rate)
        if epoch % 10 == 0:
            accuracy = training_accuracy(weights, biases, X_train, Y_train)
            print(f"epoch {epoch}: {accuracy:.1%} of the training images right")
    return weights, biases
