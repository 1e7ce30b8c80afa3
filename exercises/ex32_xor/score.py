"""Grade ex32 by what the learner's training did, from the case's seed.

The learner's (weights, biases) arrive flattened: "[0][l]" is weights[l], "[1][l]" is
biases[l]. The first two cases ask for 0 epochs and 1 epoch: the network must be the recipe's
start, then the recipe's first step (within STEP_RTOL of that step's size). The other cases ask
for the full budget: every output within 0.25 of its target, and the network the recipe reaches
from that seed (within FINAL_RTOL). So weights trained elsewhere, typed in or constant do not
pass: a pass means the learner's own loop did the training.

A short case that fails is replayed with each slip of misconceptions.py (REPLAYED) from the
same seed and named when one matches; a first step that is the recipe's times one number is
named by that number. A full case that fails is checked for the symptoms, most specific first:

    both hidden units the same                      zero_start
    every output about 0.5                          stuck_at_half
    two right, two about 0.5                        local_minimum
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from grader.grading.diagnose import load_functions
from reference import xor
from reference.training_failures import copied_hidden_units

ENTRY = re.compile(r"^\[([01])\]\[(\d+)\]$")
SHAPES = {"weights": [(2, 2), (1, 2)], "biases": [(2, 1), (1, 1)]}
NAMES = ("W1", "W2", "b1", "b2")  # the order of [*weights, *biases]
SHAPE_OF_ANSWER = ("train_xor must return (weights, biases): [W1 (2, 2), W2 (1, 2)] and "
                   "[b1 (2, 1), b2 (1, 1)]")
REPLAYED = ("zero_start", "start_drawn_in_another_order", "weights_drawn_first",
            "bias_drawn_before_weights", "weights_never_moved",
            "hidden_layer_not_updated", "biases_never_updated", "gradient_ascent",
            "factor_of_two", "gradients_summed", "output_error_without_slope", "slope_of_z",
            "hidden_error_from_activations", "output_updated_before_hidden_error")
SAME_SLIP = {"weights_drawn_first": "start_drawn_in_another_order",  # one slip, three orders
             "bias_drawn_before_weights": "start_drawn_in_another_order"}
START_ATOL = 1e-6  # the start: the same draws, whatever the float type
# One step is the recipe's within 1e-3 of its size: float32 arithmetic is within 1e-5, while
# passing δ¹ back through the W2 that already moved is off by about 5 %.
STEP_RTOL = 1e-3
# After the full budget: within 1e-3 of the largest parameter (float32: 1.4e-5 at most in 40
# seeds; the slips, a start of another seed or weights trained elsewhere: 0.1 or more).
FINAL_RTOL = 1e-3
NEAR_HALF = 0.1  # an output within 0.1 of 0.5 is "about 0.5"
NEAR_START = 1.5  # every parameter within 1.5 of the recipe's start: it hardly moved

FIX_THE_STEP = ("each epoch: δ² = (a² − y) ⊙ a²(1 − a²), δ¹ = (W2ᵀ δ²) ⊙ a¹(1 − a¹) with W2 "
                "before it moves, then W2 −= η δ² (a¹)ᵀ / 4, b2 −= η · mean of δ², and the same "
                "for W1 (with X) and b1, η = 8")
MESSAGES = {
    "zero_start": (
        "Your network starts with every weight 0 (or one value for all). Units that start "
        "equal compute the same a, get the same δ and the same step, so they stay equal: the "
        "hidden layer is one unit, and one unit cannot compute XOR. Start at random, as the "
        "recipe does: rng.uniform(-0.5, 0.5, shape) for W1, b1, W2 and b2, in this order."),
    "start_drawn_in_another_order": (
        "Your start holds the recipe's random numbers drawn in another order (every bias "
        "first as Nielsen's network.py does, every weight first, or each bias before its "
        "weights). The same generator gives each array other numbers when the order "
        "changes; the recipe draws W1, b1, W2, b2, in this order, each "
        "rng.uniform(-0.5, 0.5, shape)."),
    "weights_never_moved": (
        "Your network is still the recipe's start: no step was kept. W1 - eta * gradient "
        "computes the new matrix; only W1 = W1 - eta * gradient keeps it, and W1, b1, W2 and b2 "
        "all move in every epoch."),
    "hidden_layer_not_updated": (
        "Only the output layer learned: W1 and b1 are still the recipe's start. XOR needs "
        "hidden features that the output can separate with a straight line, and the hidden "
        "layer only finds them if it learns too: W1 − η ∂C/∂W1 and b1 − η ∂C/∂b1 in every "
        "epoch, with ∂C/∂W1 = δ¹ Xᵀ / 4."),
    "biases_never_updated": (
        "Your weights move and your biases do not: b1 and b2 are still the recipe's start. "
        "Every parameter steps against its gradient: b2 − η · mean of δ² over the four samples, "
        "b1 − η · mean of δ¹."),
    "gradient_ascent": (
        "Your step goes uphill: every parameter moved by +η times its gradient. The gradient "
        "points where the cost grows fastest, so each step is W − η ∂C/∂W: a minus sign."),
    "factor_of_two": (
        "Every parameter moved twice the recipe's step: your δ² holds 2(a² − y), the "
        "derivative of C = (a − y)². The recipe's cost is C = ½(a − y)², whose derivative is "
        "a − y, so δ² = (a² − y) ⊙ σ′(z²)."),
    "gradients_summed": (
        "Every parameter moved 4 times the recipe's step: your gradients are sums over the four "
        "samples, δ Aᵀ and the sum of δ. The cost is the mean over the batch, so "
        "∂C/∂W2 = δ² (a¹)ᵀ / 4 and ∂C/∂b2 is the mean of δ² over the columns."),
    "output_error_without_slope": (
        "Your output error leaves out σ′: δ² = a² − y. With the quadratic cost C = ½(a − y)² "
        "and a sigmoid output, BP1 is δ² = (a² − y) ⊙ σ′(z²) = (a² − y) ⊙ a²(1 − a²). "
        "(a − y) alone is the δ of the cross-entropy cost, which ex33 shows.)"),
    "slope_of_z": (
        "Your σ′ is z(1 − z): the formula a(1 − a) applied to z. σ′(z) = σ(z)(1 − σ(z)), so on "
        "the activations it is a(1 − a), never z(1 − z): for z = 3 that gives −6 where σ′ is "
        "0.045, which is why training like this blows up."),
    "hidden_error_from_activations": (
        "Your hidden error is built from the output's activation instead of its error: "
        "δ¹ = (W2ᵀ a²) ⊙ σ′(z¹). BP2 passes back the error of the layer above, "
        "δ¹ = (W2ᵀ δ²) ⊙ σ′(z¹) with δ² = (a² − y) ⊙ σ′(z²). a² is positive whatever the "
        "target, so the hidden units are pushed the same way for every input and never learn "
        "the features XOR needs."),
    "output_updated_before_hidden_error": (
        "The output layer's step is right and the hidden layer's is not: W2 moved before δ¹ "
        "was passed back through it, so δ¹ = ((W2 − η ∂C/∂W2)ᵀ δ²) ⊙ σ′(z¹). Every gradient of "
        "one step is taken at the network the batch went forward through: compute δ¹ with the "
        "old W2, then move W2 (the slip ex31 is about)."),
    "wrong_learning_rate": (
        "Every parameter moved the recipe's step times {scale:.3g}: your gradients are right "
        "and your η is {eta:.3g}, where the recipe's is 8."),
    "stuck_at_half": (
        "Every output is about 0.5: the network has not left the flat stretch around its "
        "start, where every σ′ is near 1/4 and the first gradients are tiny."),
    "local_minimum": (
        "Two inputs are right and the other two sit at about 0.5: a local minimum. From some "
        "starts gradient descent settles there, one hidden unit doing the work of two, and more "
        "epochs do not get it out. The grader draws seeds from which the recipe's start learns: "
        "draw W1, b1, W2, b2 in this order, each rng.uniform(-0.5, 0.5, shape), from "
        "rng = np.random.default_rng(seed), and train with η = 8."),
}


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
        arrays = [np.asarray(found[index][0], dtype=np.float64),
                  np.asarray(found[index][1], dtype=np.float64)]
        for layer, (array, shape) in enumerate(zip(arrays, SHAPES[name], strict=True)):
            if array.shape != shape:
                return None, (f"{name}[{layer}] has shape {array.shape}, expected {shape}: "
                              + SHAPE_OF_ANSWER)
        parameters.append(arrays)
    return (parameters[0], parameters[1]), None


def _flat(network) -> list[np.ndarray]:
    return [np.asarray(v, dtype=np.float64) for v in [*network[0], *network[1]]]


def _gap(first, second) -> float:
    """The largest difference between two networks; inf where either is not finite."""
    gaps = [np.abs(a - b).max() for a, b in zip(_flat(first), _flat(second), strict=True)]
    return float(max(gaps)) if all(np.isfinite(gaps)) else float("inf")


def _shown(X, A) -> str:
    """The outputs in the order (0, 0), (0, 1), (1, 0), (1, 1), whatever the case's order."""
    order = sorted(range(X.shape[1]), key=lambda j: (X[0, j], X[1, j]))
    return ", ".join(f"({X[0, j]:g}, {X[1, j]:g}) → {A[0, j]:.3f}" for j in order)


def _array(values) -> str:
    return np.array2string(np.asarray(values), precision=4, suppress_small=True,
                           separator=", ").replace("\n", "")


# -- the short cases: the start, then one step --------------------------------------------------

def _replayed_slip(case, learner, tolerance) -> str | None:
    slips = load_functions(Path(__file__).parent / "misconceptions.py", REPLAYED)
    for name, slip in slips.items():
        with np.errstate(all="ignore"):
            replay = slip(case["X"].copy(), case["Y"].copy(), case["seed"],
                                          case["epochs"])
        if _gap(learner, replay) <= tolerance:
            return SAME_SLIP.get(name, name)
    return None


def _step_scale(learner, start, recipe) -> float | None:
    """k when the learner's first step is k times the recipe's for every parameter."""
    mine = np.concatenate([(a - s).ravel() for a, s in zip(_flat(learner), _flat(start),
                                                           strict=True)])
    theirs = np.concatenate([(r - s).ravel() for r, s in zip(_flat(recipe), _flat(start),
                                                             strict=True)])
    scale = float(mine @ theirs / (theirs @ theirs))
    fits = np.abs(mine - scale * theirs).max() <= STEP_RTOL * np.abs(mine).max()
    return scale if fits and np.isfinite(scale) else None


def _short_case(case, learner):
    seed, epochs = case["seed"], case["epochs"]
    start = xor.recipe_start(seed)
    recipe = xor.train_xor(case["X"], case["Y"], seed, epochs)
    size = max(START_ATOL, STEP_RTOL * _gap(recipe, start)) if epochs else START_ATOL
    what = (f"epochs = 0 from seed {seed}: your network is the recipe's start" if not epochs
            else f"{epochs} epoch{'s' * (epochs != 1)} from seed {seed}: every parameter is the "
            "recipe's")
    if _gap(learner, recipe) <= size:
        return True, 1.0, f"With {what}."
    differ = [name for name, mine, theirs in zip(NAMES, _flat(learner), _flat(recipe),
                                                 strict=True)
              if not np.abs(mine - theirs).max() <= size]
    first = NAMES.index(differ[0])
    mine, theirs = _flat(learner)[first], _flat(recipe)[first]
    if not epochs:
        text = (f"With epochs = 0 your function should return the recipe's start for seed "
                f"{seed}, and {', '.join(differ)} differ{'s' * (len(differ) == 1)}: "
                f"{differ[0]} is {_array(mine)}, the recipe's {_array(theirs)}.")
        fix = ("The recipe: rng = np.random.default_rng(seed), then W1 = rng.uniform(-0.5, "
               "0.5, (2, 2)), b1 (2, 1), W2 (1, 2) and b2 (1, 1) the same way, in this order, "
               "and no step when epochs is 0.")
    else:
        kept = [name for name in NAMES if name not in differ]
        text = (f"After {epochs} epoch from seed {seed} (the four samples in the grader's "
                f"order), {', '.join(differ)} differ{'s' * (len(differ) == 1)} from the "
                f"recipe's step{'; ' + ', '.join(kept) + ' match' if kept else ''}: "
                f"{differ[0]} is {_array(mine)}, the recipe's {_array(theirs)}.")
        fix = ("The output layer's step is right, so look at what reaches the hidden layer: "
               "δ¹ = (W2ᵀ δ²) ⊙ a¹(1 − a¹) with W2 before it moves, and ∂C/∂W1 = δ¹ Xᵀ / 4."
               if set(differ) <= {"W1", "b1"} else "The recipe's step: " + FIX_THE_STEP + ".")
    name = _replayed_slip(case, learner, size)
    if name is not None:
        return False, 0.0, text, None, (name, MESSAGES[name])
    scale = _step_scale(learner, start, recipe) if epochs == 1 else None
    if scale is not None:
        return False, 0.0, text, None, ("wrong_learning_rate", MESSAGES["wrong_learning_rate"]
                                        .format(scale=scale, eta=8 * scale))
    return False, 0.0, f"{text} {fix}"


# -- the full budget ----------------------------------------------------------------------------

def _symptom(case, weights, biases, A) -> tuple[str, str] | None:
    if copied_hidden_units(weights, biases, case["X"]) is not None:
        return "zero_start", MESSAGES["zero_start"]
    near = np.abs(A - 0.5) < NEAR_HALF
    if near.all():
        start = xor.recipe_start(case["seed"])
        moved = _gap((weights, biases), start)
        why = (f" Your weights are all within {moved:.2g} of the recipe's start after "
               f"{case['epochs']} epochs: the steps are far too small (the recipe's η is 8)."
               if moved < NEAR_START else
               " Your weights moved away from the start, so the steps are not simply too "
               "small: check what reaches the hidden layer, δ¹ = (W2ᵀ δ²) ⊙ a¹(1 − a¹).")
        return "stuck_at_half", MESSAGES["stuck_at_half"] + why
    if (xor.right(A, case["Y"]) | near).all() and near.sum() == 2:
        return "local_minimum", MESSAGES["local_minimum"]
    return None


def score(case, outputs):
    parameters, problem = _parameters(outputs)
    if problem:
        return False, 0.0, problem
    if case["epochs"] < xor.EPOCHS:
        return _short_case(case, parameters)
    weights, biases = parameters
    X, Y, seed = case["X"], case["Y"], case["seed"]
    if not all(np.isfinite(v).all() for v in _flat(parameters)):
        return False, 0.0, (f"Seed {seed}: your network holds NaN or inf after {case['epochs']} "
                            "epochs: the training blew up. The recipe does not, from this "
                            "seed. What does: a + where the step needs a −, σ′ written as "
                            "z(1 − z), or an η far above 8.")
    recipe = xor.train_xor(X, Y, seed, case["epochs"])
    with np.errstate(all="ignore"):
        A = xor.outputs(weights, biases, X)
    right = xor.right(A, Y)
    shown = _shown(X, A)
    gap = _gap(parameters, recipe)
    same = gap <= FINAL_RTOL * max(1.0, max(np.abs(v).max() for v in _flat(recipe)))
    if right.all() and same:
        return True, 1.0, f"XOR right on seed {seed}: {shown}."
    text = (f"Seed {seed}: {int(right.sum())} of 4 outputs within {xor.RIGHT:g} of "
            f"their targets ({shown}; the targets are 0, 1, 1, 0).")
    if right.all():
        return False, 0.5, (
            f"Seed {seed}: your network computes XOR ({shown}), but it is not the network "
            f"the recipe reaches from this seed (a parameter differs by {gap:.3g}). The grade "
            "checks that your loop did the training, so it replays the recipe: the start "
            "drawn from rng = np.random.default_rng(seed) (W1, b1, W2, b2 in this order), "
            f"η = 8 and {case['epochs']} epochs of the full batch, {FIX_THE_STEP}.")
    slip = _symptom(case, weights, biases, A)
    if slip is None:
        return False, right.mean(), (
            f"{text} It has not learned XOR: the recipe from this seed does. The recipe: "
            f"rng.uniform(-0.5, 0.5, shape) for W1, b1, W2, b2 in this order, η = 8 and "
            f"{case['epochs']} epochs of the full batch, {FIX_THE_STEP}.")
    return False, right.mean(), text, None, slip  # the grader shows the slip as a known one
