"""Name the misconception behind wrong answers, from the outputs alone (never the source text),
so a slip written in three algebraically equivalent ways gets the same diagnosis.

First the exercise's declared misconceptions: the learner's outputs match one on every case they
answered. Then generic detectors: a constant factor between got and expected, a transpose, the
arguments passed in another order.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from grader.cases import Case
from grader.compare import Outputs, all_close, as_outputs
from grader.verdict import Diagnosis

FACTORS = {  # factor between got and expected: (diagnosis name, message)
    2.0: ("extra_factor_2",
          "Every value is exactly 2× the expected one: there is an extra factor of 2 somewhere."),
    0.5: ("missing_factor_2",
          "Every value is exactly half the expected one: a factor of 2 is missing somewhere."),
    -1.0: ("flipped_sign",
           "Every value has the right size but the opposite sign: check the order of a "
           "subtraction (a − y, not y − a) or the direction of a step."),
    -2.0: ("flipped_sign_extra_factor_2",
           "Every value is −2× the expected one: an extra factor of 2 and a flipped sign."),
    -0.5: ("flipped_sign_missing_factor_2",
           "Every value is −½× the expected one: a missing factor of 2 and a flipped sign."),
}


def load_functions(path: Path, names: Sequence[str]) -> dict[str, Callable]:
    """The exercise's own (trusted) misconceptions.py, imported in the parent."""
    spec = importlib.util.spec_from_file_location(f"_misconceptions_{path.parent.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    missing = [name for name in names if not callable(getattr(module, name, None))]
    if missing:
        from grader.errors import ExerciseError

        raise ExerciseError(f"{path}: no function named {', '.join(missing)}")
    return {name: getattr(module, name) for name in names}


def evaluate(
    function: Callable, cases: list[Case], arguments: list[str], parts: int = 1
) -> list[Outputs | None]:
    results: list[Outputs | None] = []
    for case in cases:
        try:
            with np.errstate(all="ignore"):
                value = function(*[copy_value(case[a]) for a in arguments])
                results.append(as_outputs(value, parts))
        except Exception:  # noqa: BLE001 - a variant undefined on this case simply does not match
            results.append(None)
    return results


def copy_value(value):
    """A deep copy of a case value (lists of arrays too): variants never share inputs."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return type(value)(copy_value(v) for v in value)
    return value


def matches(
    candidate: list[Outputs | None], got: list[Outputs | None], rtol: float, atol: float
) -> bool:
    """True when the candidate agrees with every answer the learner gave (at least one)."""
    answered = [i for i, outputs in enumerate(got) if outputs is not None]
    return bool(answered) and all(
        candidate[i] is not None and all_close(candidate[i], got[i], rtol, atol) for i in answered
    )


def diagnose(
    *,
    got: list[Outputs | None],
    expected: list[Outputs],
    cases: list[Case],
    arguments: list[str],
    parts: int,
    rtol: float,
    atol: float,
    misconceptions: list[tuple[Diagnosis, Callable]],
    reference: Callable,
) -> Diagnosis | None:
    for diagnosis, function in misconceptions:
        if matches(evaluate(function, cases, arguments, parts), got, rtol, atol):
            return diagnosis
    failing = [
        i for i, outputs in enumerate(got)
        if outputs is not None and not all_close(expected[i], outputs, rtol, atol)
    ]
    if not failing:
        return None
    return (
        _low_precision(failing, got, expected)
        or _constant_factor(failing, got, expected, rtol, atol)
        or _transpose(failing, got, expected, rtol, atol)
        or _argument_order(failing, got, cases, arguments, parts, reference, rtol, atol)
    )


FLOAT32_RTOL, FLOAT32_ATOL = 1e-5, 1e-6  # a float32 computation's error, with room to spare


def _low_precision(failing, got, expected) -> Diagnosis | None:
    """Right to float32's seven digits but not to float64's: the arithmetic ran in float32."""
    if all(all_close(expected[i], got[i], FLOAT32_RTOL, FLOAT32_ATOL) for i in failing):
        return Diagnosis("float32", FLOAT32_MESSAGE)
    return None


FLOAT32_MESSAGE = (
    "Your answers agree with the expected ones to about 6 or 7 digits and no further: that is "
    "float32 arithmetic (np.float32, astype(np.float32), or a float32 array somewhere in the "
    "computation). The steps compute in float64, numpy's default: drop the float32 and the "
    "same code passes.")


def _constant_factor(failing, got, expected, rtol, atol) -> Diagnosis | None:
    for factor, (name, message) in FACTORS.items():
        scaled = [{k: v * factor for k, v in expected[i].items()} for i in failing]
        if all(all_close(s, got[i], rtol, atol) for s, i in zip(scaled, failing, strict=True)):
            return Diagnosis(name, message)
    return None


def _transpose(failing, got, expected, rtol, atol) -> Diagnosis | None:
    def transposed(outputs: Outputs) -> Outputs:
        return {k: v.T for k, v in outputs.items()}

    if not any(v.ndim == 2 for i in failing for v in expected[i].values()):
        return None
    if all(all_close(transposed(expected[i]), got[i], rtol, atol) for i in failing):
        return Diagnosis(
            "transpose",
            "Your result is the transpose of the expected one: check which side of the product "
            "each matrix goes on, and the shapes (rows are output units, columns are samples).",
        )
    return None


def _argument_order(
    failing, got, cases, arguments, parts, reference, rtol, atol
) -> Diagnosis | None:
    if len(arguments) < 2:
        return None
    def kind(value) -> tuple:
        if isinstance(value, (list, tuple)):  # one entry per layer: their shapes may differ
            return (type(value).__name__, len(value))
        return (type(value).__name__, np.shape(value))

    for order in itertools.permutations(range(len(arguments))):
        if list(order) == list(range(len(arguments))):
            continue
        # Only swaps of like with like: a float learning rate in place of an int step count
        # makes a degenerate call (no steps at all), which matches answers for another reason.
        if any(kind(cases[i][arguments[j]]) != kind(cases[i][arguments[order[j]]])
               for i in failing for j in range(len(arguments))):
            continue
        swapped = [
            {arguments[j]: cases[i][arguments[order[j]]] for j in range(len(arguments))}
            for i in failing
        ]
        results = evaluate(reference, swapped, arguments, parts)
        if all(
            r is not None and all_close(r, got[i], rtol, atol)
            for r, i in zip(results, failing, strict=True)
        ):
            used = ", ".join(arguments[k] for k in order)
            return Diagnosis(
                "argument_order",
                f"Your answers are what the right formula gives with the arguments in the order "
                f"({used}) instead of ({', '.join(arguments)}): check which value is which.",
            )
    return None
