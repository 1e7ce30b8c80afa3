"""Seeded case generators: an exercise's `[cases] generator` names one of these.

A generator takes a numpy Generator, the `[cases.params]` table, the argument names and a count,
and returns that many cases; a case maps each argument name to its value: a float (a scalar
case), an int, a str, None, an ndarray, or a list/tuple of those (one entry per layer, say).
The same seed gives the same cases, so an attempt can be replayed exactly; a fresh seed per
attempt means answers hard-coded from one run do not pass the next.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from grader.errors import ExerciseError

Case = dict[str, "float | np.ndarray"]
Generator = Callable[[np.random.Generator, dict, list[str], int], list[Case]]
GENERATORS: dict[str, Generator] = {}


def generator(name: str) -> Callable[[Generator], Generator]:
    def register(function: Generator) -> Generator:
        GENERATORS[name] = function
        return function

    return register


def find_generator(exercise) -> Generator:
    """A name in GENERATORS, or `cases.py:function` in the exercise folder."""
    name = exercise.spec.cases.generator
    if ":" in name:
        return exercise.load_callable(name, "cases.generator")
    if name not in GENERATORS:
        raise ExerciseError(
            f"{exercise.folder / 'exercise.toml'}: field 'cases.generator': unknown '{name}' "
            f"(known: {', '.join(sorted(GENERATORS))}, or file.py:function in the folder)"
        )
    return GENERATORS[name]


def draw_cases(exercise, seed: int, count: int | None = None) -> list[Case]:
    spec = exercise.spec
    rng = np.random.default_rng(seed)
    return find_generator(exercise)(rng, dict(spec.cases.params), list(spec.arguments),
                                    count or spec.cases.count)


# Arguments whose columns are the samples of a batch (the ladder's layout from Stage F on).
BATCH_ARGUMENTS = ("X", "Y", "A", "Z", "A_prev", "delta")


def case_parameters(case: Case) -> dict[str, str]:
    """What kind of case it is, in the terms an instructor asks about ("fails mostly at depth
    >= 3 with relu"): depth, batch size, activations, bias or not, where the case has them.
    Recorded with an attempt's first failing case; the case_difficulty view counts them."""
    found: dict[str, str] = {}
    weights = case.get("weights")
    if isinstance(weights, (list, tuple)) and weights:
        found["depth"] = str(len(weights))
    activations = case.get("activations")
    if isinstance(activations, str):
        found["activations"] = activations
    elif isinstance(activations, (list, tuple)) and activations:
        found["activations"] = "+".join(sorted({str(a) for a in activations}))
    if "biases" in case:
        found["bias"] = "no" if case["biases"] is None else "yes"
    for name in BATCH_ARGUMENTS:
        value = case.get(name)
        if isinstance(value, np.ndarray) and value.ndim == 2:
            found["batch"] = str(value.shape[1])
            break
    return found


def _away_from_zero(values: np.ndarray, min_abs: float) -> np.ndarray:
    # A zero argument makes different slips agree (2a - y equals 2(a - y) when y = 0).
    return np.where(np.abs(values) < min_abs, np.copysign(min_abs, values) + values, values)


@generator("elementwise")
def elementwise(
    rng: np.random.Generator, params: dict, arguments: list[str], count: int
) -> list[Case]:
    """Arguments drawn uniformly from `params[name] = [low, high]` (default [-3, 3]); even
    cases are plain floats, odd cases arrays of one shared random shape, 1-D or 2-D.
    `min_abs` (default 0.1) keeps values away from zero where a range contains it."""
    min_abs = float(params.get("min_abs", 0.1))
    cases: list[Case] = []
    for index in range(count):
        if index % 2 == 0:
            shape: tuple[int, ...] = ()
        elif rng.random() < 0.5:
            shape = (int(rng.integers(2, 7)),)
        else:
            shape = (int(rng.integers(2, 5)), int(rng.integers(2, 5)))
        case: Case = {}
        for name in arguments:
            low, high = params.get(name, [-3.0, 3.0])
            values = rng.uniform(low, high, size=shape)
            if low <= 0 <= high:
                values = _away_from_zero(values, min_abs)
            case[name] = float(values) if shape == () else values
        cases.append(case)
    return cases
