"""Step ex23 (the capstone): teach a network to read handwritten digits.

Edit this file, then run `learn check ex23`. This step runs on YOUR earlier functions: the
imports below are your own ex15, ex19 (through ex20) and ex20 files.
"""

import numpy as np

from ex15_layer_forward import layer_forward  # your ex15: handy to measure accuracy as you go
from ex20_sgd_step import sgd_step  # your ex20, which calls your ex19 backprop


def train_digits(X_train, Y_train, seed):
    """Train a 64-30-10 network, sigmoid on both layers, and return (weights, biases).

    X_train: (64, 1347) pixels in [0, 1], one 8x8 image per column (row by row)
    Y_train: (10, 1347) one-hot labels: column i is 1 in the row of image i's label (each
             check renames the digits: a 3 may be labelled 7; see the README)
    seed:    an int; use it for every random choice (np.random.default_rng(seed))

    weights: [W1 of shape (30, 64), W2 of shape (10, 30)]
    biases:  [b1 of shape (30, 1), b2 of shape (10, 1)]
    The grader measures your network on 450 images it keeps to itself: 95% is the pass mark.
    """
    raise NotImplementedError("train the network here")
