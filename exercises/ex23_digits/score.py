"""Grade the capstone by what the trained network does on the 450 test images, under the
check's renaming of the digits (cases.py): weights trained anywhere but in this call read the
usual names, and are named for it (trained_elsewhere).

The learner's (weights, biases) arrive as flattened outputs: "[0][l]" is weights[l], "[1][l]"
is biases[l]. The parent runs the reference forward pass (sigmoid on every layer) on them; the
test labels never leave this process.

Below the pass mark, the network itself is checked for the slips that stop training, most
specific first (misconceptions.py holds a learner's version of each):

    mean σ′ of the hidden units tiny                saturated_hidden_units
    the hidden units copies of a few                zero_start
    the network is the README's start for the seed  weights_never_moved
"""

import re

import numpy as np

from grader.pictures import stack
from grader.pictures.digits import digits as misread_digits
from grader.pictures.saturation import saturation
from reference import digits
from reference.network import Network, accuracy, predict
from reference.training_failures import (
    copied_hidden_units,
    mean_hidden_slope,
    same_parameters,
    saturated_share,
)

PASS = digits.PASS_ACCURACY
ENTRY = re.compile(r"^\[([01])\]\[(\d+)\]$")
SATURATED = 0.03  # mean σ′ of the hidden units below this: saturated (trained well: about 0.1)
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
    X_test, digits_shown = digits.test_data()
    names = np.asarray(case.get("names", np.arange(10)))  # digit d is called names[d]
    labels = names[digits_shown]
    test = accuracy(net, X_test, labels)
    read = predict(net, X_test)
    wrong = np.flatnonzero(read != labels)[:4]
    # The picture speaks of digits, not of this check's names for them.
    picture = misread_digits(X_test[:, wrong].T * 16, np.argsort(names)[read[wrong]],
                             digits_shown[wrong])
    train = accuracy(net, case["X_train"], case["Y_train"])
    right = round(test * len(labels))
    text = (f"test accuracy {test:.1%} ({right} of {len(labels)} test images right; "
            f"{train:.1%} on your training images)")
    if test >= PASS:
        return True, test, text.capitalize() + ": the network reads digits it has never seen."
    slip = _slip(case, weights, biases)  # shown by the grader as the known slip
    true_names = float(np.mean(read == digits_shown))
    if slip is None and true_names >= 0.5 and true_names > test + 0.3:
        slip = "trained_elsewhere", (
            f"your network reads {true_names:.0%} of the test images by the digits' usual "
            "names, and this check renamed them: in the labels it gave your function, every "
            "digit is called by another digit's name. So these weights were not trained on "
            "the X_train and Y_train of this check. Train the network inside train_digits, "
            "from its arguments, and return what that training gives.")
    if slip is None:
        slip = _symptom(case, net, test, train)
    if slip is not None:
        chance = ("That is far below chance (10%)." if test < 0.05 else
                  "That is about chance (10%)." if test < 0.2 else "")
        why = chance + " What stopped it is below."
    elif test < 0.2:
        why = ("That is about chance (10%): the network has not learned. Check that your loop "
               "keeps the (weights, biases) that sgd_step returns.")
    elif train - test > 0.1:
        why = ("It does much better on the training images than on new ones: train for fewer "
               "epochs.")
    else:
        why = ("It learns, but not enough yet: try 30 epochs, η = 3 and mini-batches of 10, "
               "reshuffled every epoch.")
    if slip is not None and slip[0] == "saturated_hidden_units":  # where the z sit on σ
        picture = stack(_saturation(case, weights, biases), picture)
    return (False, test, f"{text.capitalize()}, below the {PASS:.0%} needed. {why} Some test "
            "images it read wrong:", picture, slip)


LABEL_SHARE = 0.05  # every output's mean within 0.05 of its label's share: it learned the shares


def _symptom(case, net, test, train):
    """(name, message) of what the accuracies and the outputs show, or None."""
    from reference.network import forward

    X, Y = case["X_train"], case["Y_train"]
    if train < 0.2:
        means = forward(net, X).activations[-1].mean(axis=1)
        if np.abs(means - Y.mean(axis=1)).max() < LABEL_SHARE:
            return "labels_apart_from_images", (
                f"your network trained, yet reads only {train:.0%} of its own training images "
                "right, and its outputs are about the share of each label whatever the image: "
                "what a network learns when its labels say nothing about its images. Most "
                "often images and labels were shuffled apart: X_train and Y_train permuted "
                "with two different orders, or a batch of X paired with another batch's Y. "
                "Draw one order per epoch and index both with it: X_train[:, batch] and "
                "Y_train[:, batch].")
    if test >= 0.2 and train - test <= 0.1:
        return "not_trained_enough", (
            f"your network learns ({test:.0%} on new images, {train:.0%} on its own), but "
            "too slowly to reach 95%: it is still improving on both, so it needs more or "
            "larger steps. The recipe is 30 epochs (an epoch is one pass over all 1347 "
            "images), η = 3 and mini-batches of 10. Too few epochs, an η far below 3 and "
            "mini-batches much larger than 10 all stop it here.")
    return None


def _saturation(case, weights, biases) -> dict:
    """σ and σ′ with the hidden and output z of 200 training images on them, and each layer's
    gradient norm: the picture of a saturated network."""
    from reference.network import backprop, forward

    net = Network(weights, biases, ["sigmoid"] * len(weights))
    X, Y = case["X_train"][:, :200], case["Y_train"][:, :200]
    gradients = backprop(net, X, Y)
    return saturation(forward(net, X).zs,
                      [float(np.linalg.norm(G)) for G in gradients.grad_w],
                      title="Your trained network on 200 training images")


def _readme_starts(seed):
    """The README's start for this seed, drawn the weights first (as its hint does) or layer by
    layer (W1, b1, W2, b2)."""
    start = digits.initial_network(seed)
    rng = np.random.default_rng(seed)
    layered = ([], [])
    for n_in, n_out in zip(digits.SIZES[:-1], digits.SIZES[1:], strict=True):
        layered[0].append(rng.standard_normal((n_out, n_in)) / np.sqrt(n_in))
        layered[1].append(rng.standard_normal((n_out, 1)))
    return [(start.weights, start.biases), layered]


def _slip(case, weights, biases):
    """(name, message) of the slip the trained network shows, or None."""
    X = case["X_train"]
    slope = mean_hidden_slope(weights, biases, X)
    if slope < SATURATED:
        share = saturated_share(weights, biases, X)
        return "saturated_hidden_units", (
            f"your hidden units are saturated: over the training images their mean σ′(z) is "
            f"{slope:.2g} (a network that trained well has about 0.1), and {share:.0%} of them "
            "have σ′ < 0.01, with a within 0.01 of 0 or 1. There σ′ ≈ 0 stops the error at "
            "BP2, so W1 hardly learns. The usual cause is weights far too large, at the start "
            "(all of them positive, as rng.random draws them, or many times 1/√64) or thrown "
            "there by an η far too large. Start with rng.standard_normal((n_out, n_in)) / "
            "np.sqrt(n_in): then z stays about 1 in size.")
    copies = copied_hidden_units(weights, biases, X)
    if copies is not None:
        units, distinct = copies
        return "zero_start", (
            f"your hidden units are copies of each other: on the training images, {units} of "
            f"them show only {distinct} different pattern{'s' * (distinct != 1)} of "
            "activations. Units that "
            "start equal (every weight 0, or one value for all) compute the same a, get the "
            "same δ and the same step, so they stay equal (rounding may split them into a few "
            "groups, no more). Start the weights at random: "
            "rng.standard_normal((n_out, n_in)) / np.sqrt(n_in).")
    if any(same_parameters((weights, biases), start) for start in _readme_starts(case["seed"])):
        return "weights_never_moved", (
            f"your weights and biases are exactly the README's start for seed {case['seed']}: "
            "no step was kept, so the network is at chance. sgd_step returns the new network "
            "and changes nothing in place: write weights, biases = sgd_step(...), not "
            "sgd_step(...) alone.")
    return None
