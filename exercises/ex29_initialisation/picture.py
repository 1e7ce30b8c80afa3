"""ex29's picture of a failing case whose hidden units all start the same: the learner's start
and the expected one, each trained for STEPS steps on a small data set by the reference engine,
and how far apart the first hidden layer's units are after each step: the largest gap,
entry by entry, between unit 1's weights in, bias and weights out and another unit's (0: all
the same)."""

import re

import numpy as np

from grader.pictures.curves import curves
from reference.training_start import toy_data, train_from, unit_spread

STEPS = 100
LEARNING_RATE = 1.0
ENTRY = re.compile(r"^\[([01])\]\[(\d+)\]$")


def _start(outputs, sizes):
    """(weights, biases) from flattened outputs, or None when they are not a network of these
    sizes (a shape slip has its own message)."""
    found = {0: {}, 1: {}}
    for path, value in outputs.items():
        match = ENTRY.match(path)
        if match is None:
            return None
        found[int(match[1])][int(match[2])] = value
    layers = len(sizes) - 1
    if sorted(found[0]) != list(range(layers)) or sorted(found[1]) != list(range(layers)):
        return None
    weights = [found[0][layer] for layer in range(layers)]
    biases = [found[1][layer] for layer in range(layers)]
    for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        if weights[layer].shape != (n_out, n_in) or biases[layer].shape != (n_out, 1):
            return None
    if not all(np.isfinite(v).all() for v in weights + biases):
        return None
    return weights, biases


def picture(case, expected, got):
    sizes = case["sizes"]
    if got is None or len(sizes) < 3:
        return None
    start = _start(got, sizes)
    if start is None:
        return None
    X, Y = toy_data(sizes, case["seed"])
    if unit_spread(train_from(*start, X, Y, 0, LEARNING_RATE)[0]) > 0:
        return None  # its hidden units differ from the start: not the symmetry slip
    yours = train_from(*start, X, Y, STEPS, LEARNING_RATE)
    right = train_from(*_start(expected, sizes), X, Y, STEPS, LEARNING_RATE)
    return curves([unit_spread(net) for net in right],
                  [unit_spread(net) for net in yours],
                  title="How different the first hidden layer's units are during training",
                  y_label="max |unit j − unit 1| over weights in, bias and weights out "
                          "(0: all the same)",
                  x_label=f"training step (full batch, η = {LEARNING_RATE:g})")
