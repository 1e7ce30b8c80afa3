# Right: a while loop over epochs and over mini-batch start positions, with the accuracy printed every 10 epochs.
import numpy as np

from ex15_layer_forward import layer_forward  # noqa: F401
from ex20_sgd_step import sgd_step

SIZES = [64, 30, 10]
ACTS = ["sigmoid", "sigmoid"]


def _accuracy(ws, bs, X, Y):
    A = X
    for W, b in zip(ws, bs):
        _, A = layer_forward(W, b, A, "sigmoid")
    return float(np.mean(np.argmax(A, axis=0) == np.argmax(Y, axis=0)))


def train_digits(X_train, Y_train, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in zip(SIZES[:-1], SIZES[1:])]
    biases = [rng.standard_normal((n_out, 1)) for n_out in SIZES[1:]]
    m = X_train.shape[1]
    epoch = 0
    while epoch < 30:
        perm = rng.permutation(m)
        Xs, Ys = X_train[:, perm], Y_train[:, perm]
        pos = 0
        while pos < m:
            weights, biases = sgd_step(weights, biases, ACTS, Xs[:, pos:pos + 10],
                                       Ys[:, pos:pos + 10], 3.0)
            pos += 10
        epoch += 1
        if epoch % 10 == 0:
            print("epoch", epoch, "train accuracy", _accuracy(weights, biases, X_train, Y_train))
    return weights, biases
