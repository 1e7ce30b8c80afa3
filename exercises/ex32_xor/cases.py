"""Two short cases, then five full ones, each seed with the four XOR samples as columns in an
order of its own (so no answer can be typed in).

The short cases ask for 0 epochs and for 1: the recipe's start and its first step, where a slip
shows before anything else can hide it. The first step's seed and order are drawn again until
the recipe and every slip that changes the step give steps told apart from each other.

The full cases ask for the budget of 2000 epochs, from seeds the README's recipe learns XOR from
with room to spare (every output within 0.15 of its target, where 0.25 passes): about 1 start in
10 does not learn in time, most of them stuck in a local minimum, and that is no fault of the
learner's loop. Checking a seed runs the reference recipe, about 0.2 s."""

from itertools import combinations
from pathlib import Path

import numpy as np

from grader.grading.diagnose import load_functions
from reference.xor import EPOCHS, X_XOR, Y_XOR, learns, recipe_start, train_xor

MARGIN = 0.15
SHORT = (0, 1)  # epochs of the short cases
# A first step is told apart from another when they differ by 10 times score.py's STEP_RTOL
# (near a² = 0.5, a δ² without σ′ is almost 4 times the right one: the summed gradients' step).
APART = 1e-2
# The slips of misconceptions.py that change the first step.
ONE_EPOCH_SLIPS = (
    "hidden_layer_not_updated", "biases_never_updated", "gradient_ascent", "factor_of_two",
    "gradients_summed", "output_error_without_slope", "slope_of_z",
    "hidden_error_from_activations", "output_updated_before_hidden_error", "weights_never_moved")


def _flat(network):
    return np.concatenate([np.ravel(v) for v in [*network[0], *network[1]]])


def _steps_apart(X, Y, seed) -> bool:
    """The recipe's first step and each replayed slip's are pairwise told apart."""
    slips = load_functions(Path(__file__).parent / "misconceptions.py", ONE_EPOCH_SLIPS)
    start, right = _flat(recipe_start(seed)), _flat(train_xor(X, Y, seed, 1))
    ends = [right] + [_flat(slip(X.copy(), Y.copy(), seed, 1)) for slip in slips.values()]
    size = np.abs(right - start).max()
    return all(np.abs(a - b).max() > APART * size for a, b in combinations(ends, 2))


def _samples(rng):
    order = rng.permutation(X_XOR.shape[1])
    return X_XOR[:, order], Y_XOR[:, order]


def generate(rng, params, arguments, count):
    cases = []
    for epochs in SHORT[:count]:
        while True:
            X, Y = _samples(rng)
            seed = int(rng.integers(0, 2**31 - 1))
            if epochs != 1 or _steps_apart(X, Y, seed):
                break
        cases.append({"X": X, "Y": Y, "seed": seed, "epochs": epochs})
    while len(cases) < count:
        seed = int(rng.integers(0, 2**31 - 1))
        X, Y = _samples(rng)
        if learns(seed, X, Y, EPOCHS, within=MARGIN):
            cases.append({"X": X, "Y": Y, "seed": seed, "epochs": EPOCHS})
    return cases
