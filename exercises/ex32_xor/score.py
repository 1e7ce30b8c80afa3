"""Grade ex32 by what the trained 2-2-1 network does on the four XOR inputs.

The learner's (weights, biases) arrive flattened: "[0][l]" is weights[l], "[1][l]" is
biases[l]. The parent runs the reference forward pass on them. A case passes when every output
is within 0.25 of its target. Otherwise the checks name the slip, most specific first:

    the network is the recipe's start               weights_never_moved
    a known slip, replayed from the recipe's start  hidden_error_from_activations,
                                                    hidden_layer_not_updated
    both hidden units the same                      zero_start
    every output about 0.5                          stuck_at_half
    two right, two about 0.5                        local_minimum

A replay is the recipe (README) with the slip, from the case's seed; it matches a learner who
followed the recipe exactly, and the symptoms below it name the rest.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np

from reference import xor
from reference.training_failures import copied_hidden_units, same_parameters

ENTRY = re.compile(r"^\[([01])\]\[(\d+)\]$")
SHAPES = {"weights": [(2, 2), (1, 2)], "biases": [(2, 1), (1, 1)]}
SHAPE_OF_ANSWER = ("train_xor must return (weights, biases): [W1 (2, 2), W2 (1, 2)] and "
                   "[b1 (2, 1), b2 (1, 1)]")
REPLAYED = ("hidden_error_from_activations", "hidden_layer_not_updated")
NEAR_HALF = 0.1  # an output within 0.1 of 0.5 is "about 0.5"
NEAR_START = 1.5  # every parameter within 1.5 of the recipe's start: it hardly moved

MESSAGES = {
    "weights_never_moved": (
        "Your network is exactly the recipe's start: no step was kept. W1 - eta * gradient "
        "computes the new matrix; only W1 = W1 - eta * gradient keeps it, and W1, b1, W2 and b2 "
        "all move in every epoch."),
    "hidden_error_from_activations": (
        "Your hidden error is built from the output's activation instead of its error: "
        "δ¹ = (W2ᵀ a²) ⊙ σ′(z¹). BP2 passes back the error of the layer above, "
        "δ¹ = (W2ᵀ δ²) ⊙ σ′(z¹) with δ² = (a² − y) ⊙ σ′(z²). a² is positive whatever the "
        "target, so the hidden units are pushed the same way for every input and never learn "
        "the features XOR needs."),
    "hidden_layer_not_updated": (
        "Only the output layer learned: W1 and b1 are still the recipe's start. XOR needs "
        "hidden features that the output can separate with a straight line, and the hidden "
        "layer only finds them if it learns too: W1 − η ∂C/∂W1 and b1 − η ∂C/∂b1 in every "
        "epoch, with ∂C/∂W1 = δ¹ Xᵀ / 4."),
    "zero_start": (
        "Both hidden units are the same: they give the same activation for each of the four "
        "inputs. Units that start equal (every weight 0, or one value for all) "
        "compute the same a, get the same δ and the same step, so they stay equal: the hidden "
        "layer is one unit, and one unit cannot compute XOR. Start at random, as the recipe "
        "does: rng.uniform(-0.5, 0.5, shape) for W1, b1, W2 and b2."),
    "stuck_at_half": (
        "Every output is about 0.5: the network has not left the flat stretch around its start, "
        "where every σ′ is near 1/4 and the first gradients are tiny. Most often η is far too "
        "small: from the recipe's start, η = 8 leaves that stretch within the epochs given, while "
        "an η of 1 or less usually needs many times more. If your η is 8, look at what reaches the "
        "hidden layer: δ¹ = (W2ᵀ δ²) ⊙ σ′(z¹), and W1, b1 updated every epoch."),
    "local_minimum": (
        "Two inputs are right and the other two sit at about 0.5: a local minimum. From some "
        "starts gradient descent settles there, one hidden unit doing the work of two, and more "
        "epochs do not get it out. The grader draws seeds from which the recipe's start learns: "
        "draw W1, b1, W2, b2 in this order, each rng.uniform(-0.5, 0.5, shape), from "
        "rng = np.random.default_rng(seed), and train with η = 8."),
}


def _misconceptions():
    path = Path(__file__).parent / "misconceptions.py"
    spec = importlib.util.spec_from_file_location("_ex32_misconceptions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parameters(outputs):
    """(weights, biases) as lists, or a message saying why the answer has the wrong form."""
    found = {0: {}, 1: {}}
    for path, value in outputs.items():
        match = ENTRY.match(path)
        if match is None:
            return None, SHAPE_OF_ANSWER
        found[int(match[1])][int(match[2])] = value
    parameters = []
    for index, name in enumerate(("weights", "biases")):
        if sorted(found[index]) != [0, 1]:
            return None, f"{name} is not a list of two arrays: " + SHAPE_OF_ANSWER
        arrays = [found[index][0], found[index][1]]
        for layer, (array, shape) in enumerate(zip(arrays, SHAPES[name], strict=True)):
            if array.shape != shape:
                return None, (f"{name}[{layer}] has shape {array.shape}, expected {shape}: "
                              + SHAPE_OF_ANSWER)
            if not np.isfinite(array).all():
                return None, (f"{name}[{layer}] contains NaN or inf: the training blew up. "
                              "Check η (the recipe's is 8) and the sign of each step")
        parameters.append(arrays)
    return (parameters[0], parameters[1]), None


def _shown(X, A) -> str:
    """The outputs in the order (0, 0), (0, 1), (1, 0), (1, 1), whatever the case's order."""
    order = sorted(range(X.shape[1]), key=lambda j: (X[0, j], X[1, j]))
    return ", ".join(f"({X[0, j]:g}, {X[1, j]:g}) → {A[0, j]:.3f}" for j in order)


def _slip(case, weights, biases, A) -> tuple[str, str] | None:
    X, Y, seed, epochs = case["X"], case["Y"], case["seed"], case["epochs"]
    learner = (weights, biases)
    start = xor.recipe_start(seed)
    if same_parameters(learner, start):
        return "weights_never_moved", MESSAGES["weights_never_moved"]
    slips = _misconceptions()
    for name in REPLAYED:
        with np.errstate(all="ignore"):
            replay = getattr(slips, name)(X.copy(), Y.copy(), seed, epochs)
        if same_parameters(learner, replay, rtol=1e-6):
            return name, MESSAGES[name]
    if copied_hidden_units(weights, biases, X) is not None:
        return "zero_start", MESSAGES["zero_start"]
    near = np.abs(A - 0.5) < NEAR_HALF
    if near.all():
        pairs = zip([*weights, *biases], [*start[0], *start[1]], strict=True)
        moved = max(float(np.abs(a - b).max()) for a, b in pairs)
        extra = (f" Your weights are all within {moved:.2g} of the recipe's start after "
                 f"{epochs} epochs: the steps are far too small." if moved < NEAR_START else "")
        return "stuck_at_half", MESSAGES["stuck_at_half"] + extra
    if (xor.right(A, Y) | near).all() and near.sum() == 2:
        return "local_minimum", MESSAGES["local_minimum"]
    return None


def score(case, outputs):
    parameters, problem = _parameters(outputs)
    if problem:
        return False, 0.0, problem
    weights, biases = parameters
    X, Y = case["X"], case["Y"]
    A = xor.outputs(weights, biases, X)
    right = xor.right(A, Y)
    shown = _shown(X, A)
    if right.all():
        return True, 1.0, f"XOR right on seed {case['seed']}: {shown}."
    text = (f"Seed {case['seed']}: {int(right.sum())} of 4 outputs within {xor.RIGHT:g} of "
            f"their targets ({shown}; the targets are 0, 1, 1, 0).")
    slip = _slip(case, weights, biases, A)
    if slip is None:
        return False, right.mean(), (
            f"{text} It has not learned XOR yet: the recipe is rng.uniform(-0.5, 0.5, shape) for "
            f"W1, b1, W2, b2 in this order, η = 8 and {case['epochs']} epochs of the full batch.")
    return False, right.mean(), text, None, slip  # the grader shows the slip as a known one
