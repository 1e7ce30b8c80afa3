"""Grade the capstone by what the trained network does on the 450 test images.

The learner's (weights, biases) arrive as flattened outputs: "[0][l]" is weights[l], "[1][l]"
is biases[l]. The parent runs the reference forward pass (sigmoid on every layer) on them; the
test labels never leave this process.
"""

import re

import numpy as np

from grader import plots
from reference import digits
from reference.network import Network, accuracy, predict

PASS = digits.PASS_ACCURACY
ENTRY = re.compile(r"^\[([01])\]\[(\d+)\]$")
SHAPE_OF_ANSWER = ("train_digits must return (weights, biases): two lists with one array per "
                   "layer, weights[l] of shape (n_out, n_in) and biases[l] of shape (n_out, 1), "
                   "e.g. [W1 (30, 64), W2 (10, 30)] and [b1 (30, 1), b2 (10, 1)]")


def _parameters(outputs):
    """(weights, biases) as lists, or a message saying why the answer has the wrong form."""
    for index, name in enumerate(("weights", "biases")):
        if f"[{index}]" in outputs:  # None, an empty list, or one bare array
            return None, f"{name} is not a list of arrays (one per layer): " + SHAPE_OF_ANSWER
    found = {0: {}, 1: {}}
    for path, value in outputs.items():
        match = ENTRY.match(path)
        if match is None:
            got = "one value" if path == "" else f"something else (an entry at {path})"
            return None, f"{SHAPE_OF_ANSWER}; got {got}"
        found[int(match[1])][int(match[2])] = value
    layers = len(found[0])
    if not layers or sorted(found[0]) != list(range(layers)):
        return None, SHAPE_OF_ANSWER
    if sorted(found[1]) != list(range(layers)):
        return None, (f"weights has {layers} layer{'s' * (layers != 1)} but biases has "
                      f"{len(found[1])}: one bias vector per layer")
    return ([found[0][layer] for layer in range(layers)],
            [found[1][layer] for layer in range(layers)]), None


def _shape_problem(weights, biases):
    n_in = 64
    for layer, (W, b) in enumerate(zip(weights, biases, strict=True)):
        if W.ndim != 2 or W.shape[1] != n_in:
            return (f"weights[{layer}] has shape {W.shape}, expected (n_out, {n_in}): layer "
                    f"{layer + 1} takes {n_in} inputs, and row j of W holds the weights into "
                    "unit j (the network is 64-30-10: W1 is (30, 64), W2 is (10, 30))")
        n_in = W.shape[0]
        if b.shape != (n_in, 1):
            return (f"biases[{layer}] has shape {b.shape}, expected ({n_in}, 1): one bias per "
                    "unit, as a column")
    if n_in != 10:
        return f"the last layer has {n_in} units; it needs 10, one per digit"
    return None


def score(case, outputs):
    parameters, problem = _parameters(outputs)
    if problem:
        return False, 0.0, problem
    weights, biases = parameters
    problem = _shape_problem(weights, biases)
    if problem:
        return False, 0.0, problem
    for name, values in (("weights", weights), ("biases", biases)):
        for layer, array in enumerate(values):
            if not np.isfinite(array).all():
                return False, 0.0, (
                    f"{name}[{layer}] contains NaN or inf: the training blew up. Check the "
                    "learning rate (η = 3 works) and that your ex19 and ex20 pass their checks")
    net = Network(weights, biases, ["sigmoid"] * len(weights))
    X_test, labels = digits.test_data()
    test = accuracy(net, X_test, labels)
    read = predict(net, X_test)
    wrong = np.flatnonzero(read != labels)[:4]
    picture = plots.digits(X_test[:, wrong].T * 16, read[wrong], labels[wrong])
    train = accuracy(net, case["X_train"], case["Y_train"])
    right = round(test * len(labels))
    text = (f"test accuracy {test:.1%} ({right} of {len(labels)} test images right; "
            f"{train:.1%} on your training images)")
    if test >= PASS:
        return True, test, text.capitalize() + ": the network reads digits it has never seen."
    if test < 0.2:
        why = ("That is about chance (10%): the network has not learned. Check that your loop "
               "keeps the (weights, biases) that sgd_step returns")
    elif train - test > 0.1:
        why = "It does much better on the training images than on new ones: train for fewer epochs"
    else:
        why = ("It learns, but not enough yet: try 30 epochs, η = 3 and mini-batches of 10, "
               "reshuffled every epoch")
    return (False, test, f"{text.capitalize()}, below the {PASS:.0%} needed. {why}. Some test "
            "images it read wrong:", picture)
