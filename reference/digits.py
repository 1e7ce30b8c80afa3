"""The capstone: UCI handwritten digits (8×8 images) learned by a 64-30-10 sigmoid network.

Conventions as in layers.py: samples are columns, C = ½‖y − a‖² averaged over the mini-batch,
sigmoid on every layer. The data is `data/digits.csv.gz` (see data/README.md for its source and
licence): one image per row, 64 pixels 0–16 then the label. Read with numpy only.
"""

from __future__ import annotations

import gzip
import hashlib
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

from reference import network
from reference.activations import Array

DATA_FILE = Path(__file__).parent / "data" / "digits.csv.gz"
SIZES = [64, 30, 10]
EPOCHS = 30
BATCH_SIZE = 10
LEARNING_RATE = 3.0
TEST_COUNT = 450
# The split must never move between attempts, Python versions or numpy versions, so it comes
# from a hash rather than a random generator: the images are ordered by the SHA-256 of
# f"{SPLIT_SALT}/{i}" and the first 450 of that order are the test set.
SPLIT_SALT = "learn-backprop/digits"
PASS_ACCURACY = 0.95


@cache
def _raw() -> tuple[Array, np.ndarray]:
    with gzip.open(DATA_FILE, "rt", encoding="ascii") as handle:
        table = np.loadtxt(handle, delimiter=",", dtype=np.int64)
    return table[:, :64], table[:, 64]


def load_digits() -> tuple[Array, np.ndarray]:
    """X of shape (64, 1797), pixels scaled to [0, 1] by /16, one image per column (row-major
    8×8); labels of shape (1797,), ints 0–9. Fresh arrays every call."""
    pixels, labels = _raw()
    return (pixels.T / 16.0).astype(np.float64), labels.copy()


def one_hot(labels: ArrayLike, classes: int = 10) -> Array:
    """(classes, m): column i is 1 at row labels[i], 0 elsewhere."""
    labels = np.asarray(labels, dtype=np.int64)
    Y = np.zeros((classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


@cache
def _split() -> tuple[np.ndarray, np.ndarray]:
    count = len(_raw()[1])
    keys = [hashlib.sha256(f"{SPLIT_SALT}/{i}".encode()).hexdigest() for i in range(count)]
    order = np.array(sorted(range(count), key=keys.__getitem__))
    return np.sort(order[TEST_COUNT:]), np.sort(order[:TEST_COUNT])


def split() -> tuple[np.ndarray, np.ndarray]:
    """(train_idx, test_idx): 1347 and 450 column indices, disjoint, the same every time."""
    train_idx, test_idx = _split()
    return train_idx.copy(), test_idx.copy()


def train_data() -> tuple[Array, Array]:
    """(X_train (64, 1347), Y_train one-hot (10, 1347)): all a learner ever sees."""
    X, labels = load_digits()
    train_idx, _ = split()
    return X[:, train_idx], one_hot(labels[train_idx])


def test_data() -> tuple[Array, np.ndarray]:
    """(X_test (64, 450), test labels (450,)): stays in the parent, never sent to a child."""
    X, labels = load_digits()
    _, test_idx = split()
    return X[:, test_idx], labels[test_idx]


def initial_network(seed: int) -> network.Network:
    """Gaussian weights / sqrt(n_in), Gaussian biases: the reference engine's usual init."""
    return network.Network.from_sizes(SIZES, "sigmoid", np.random.default_rng(seed))


def train_digits(X_train: ArrayLike, Y_train: ArrayLike, seed: int,
                 epochs: int = EPOCHS) -> tuple[list[Array], list[Array]]:
    """The capstone's reference answer: (weights, biases) of a trained 64-30-10 sigmoid
    network, mini-batches of 10, η = 3, C = ½‖y − a‖²."""
    result = network.train(initial_network(seed), X_train, Y_train, epochs=epochs,
                           batch_size=BATCH_SIZE, learning_rate=LEARNING_RATE, seed=seed,
                           cost="half_squared")
    return result.network.weights, result.network.biases


def test_accuracy(weights: list[ArrayLike], biases: list[ArrayLike]) -> float:
    """Fraction of the 450 test images whose largest output unit is the right digit, with the
    reference forward pass (sigmoid on every layer)."""
    net = network.Network(list(weights), list(biases), ["sigmoid"] * len(weights))
    X_test, labels = test_data()
    return network.accuracy(net, X_test, labels)
