"""Random networks of 2 to 4 layers (every activation, biases or none) and a large learning rate,
η in [1, 4]: the output layer's step changes W^L by a few percent, so an error passed back
through the new W^L gives hidden gradients clearly off from the right ones. A case is drawn again
when that changes no parameter below the output by 1e-3 of its layer's size (relu units off for
the whole batch can stop every error below the output), so the order of BP2 and the update
shows in every case. The first two cases are square (every layer as many units as inputs), so
code that takes a layer's own output for its input, or its own slope for the slope of the layer
below, gets numbers to compare instead of a shape error that names nothing; they are drawn again
until both slips show."""

from pathlib import Path

import numpy as np

from grader.grading.diagnose import load_functions
from reference.network_cases import network_case, shrink_network_case
from reference.update_as_you_go import backward_update, passback_gap

ARGUMENTS = ["weights", "biases", "activations", "X", "Y", "learning_rate"]
SQUARE_SLIPS = ("own_output_for_input", "slope_of_own_layer")


def _square_slips_show(arguments, slips) -> bool:
    """Each square slip changes some weight by 1e-3 or more (identity layers have one slope
    everywhere, so the slope of the wrong layer can be the right number)."""
    right = backward_update(*arguments)[0]
    return all(max(float(np.abs(r - w).max()) for r, w in
                   zip(right, slip(*arguments)[0], strict=True)) > 1e-3
               for slip in slips.values())


def generate(rng, params, arguments, count):
    slips = load_functions(Path(__file__).parent / "misconceptions.py", SQUARE_SLIPS)
    cases = []
    for index in range(count):
        while True:
            square = {"sizes": [int(rng.integers(2, 5))] * (4 + index)} if index < 2 else {}
            case = network_case(rng, kinkless=False, depth=None if square else 2 + index % 3,
                                bias=None if index > 1 else bool(index), **square)
            case["learning_rate"] = round(float(rng.uniform(1.0, 4.0)), 2)
            arguments = [case[name] for name in ARGUMENTS]
            shows = not square or _square_slips_show(arguments, slips)
            if passback_gap(*arguments) > 1e-3 and shows:
                break
        cases.append(case)
    return cases


def shrink(case):
    return [smaller for smaller in shrink_network_case(case) if len(smaller["weights"]) > 1]
