"""Name the misconception behind wrong answers, from the outputs alone (never the source text),
so a slip written in three algebraically equivalent ways gets the same diagnosis.

First the exercise's declared misconceptions: the learner's outputs match one on every case they
answered. Then generic detectors: float32 arithmetic, a constant factor between got and expected,
a transpose, the arguments passed in another order, the results returned in another order, an
answer close to the right one but not equal. Where the code raised or changed its inputs,
`error_diagnosis` names the slips an error message gives away.
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
        or _result_order(failing, got, expected, rtol, atol)
        or _close_not_exact(failing, got, expected)
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


def _parts(outputs: Outputs) -> dict[str, Outputs]:
    """The outputs by top-level result: "[1][0]" belongs to part "[1]"."""
    found: dict[str, Outputs] = {}
    for path, value in outputs.items():
        head = path[:path.index("]") + 1] if path.startswith("[") else path
        found.setdefault(head, {})[path[len(head):]] = value
    return found


def _result_order(failing, got, expected, rtol, atol) -> Diagnosis | None:
    """Every result right, in another order: (db, dw) where (dw, db) is asked."""
    for i in failing:
        mine, theirs = _parts(got[i]), _parts(expected[i])
        if len(theirs) < 2 or len(mine) != len(theirs):
            return None
        heads = list(theirs)
        if not any(all(mine[heads[k]].keys() == theirs[h].keys()
                       and all_close(theirs[h], mine[heads[k]], rtol, atol)
                       for k, h in enumerate(order))
                   for order in itertools.permutations(heads) if list(order) != heads):
            return None
    return Diagnosis(
        "results_in_another_order",
        "Every value you return is right, in the wrong place: the results come back in another "
        "order than the one asked for. Return them in the order the step's docstring gives.")


CLOSE = 1e-2  # within 1 %: an approximation of the right number, not another formula


def _close_not_exact(failing, got, expected) -> Diagnosis | None:
    """Within 1 % of the right answer everywhere, yet wrong beyond float32's digits."""
    worst = 0.0
    for i in failing:
        if got[i].keys() != expected[i].keys():
            return None
        for key, want in expected[i].items():
            have = got[i][key]
            if have.shape != want.shape or not np.isfinite(have).all():
                return None
            if not want.size:
                continue
            scale = max(float(np.abs(want).max()), 1e-12)
            worst = max(worst, float(np.abs(have - want).max()) / scale)
    if not worst < CLOSE:
        return None
    return Diagnosis(
        "close_not_exact",
        f"Your answers are close to the right ones (within {worst:.2g} of their size) but not "
        "equal to them: an approximation where the step wants the exact value. Typical causes: "
        "a finite difference (f(x + h) − f(x)) / h in place of the derivative's formula, a "
        "value clipped or rounded on the way (np.clip, round), or a constant typed with too "
        "few digits.")


def error_diagnosis(error, cases: list[Case], arguments: list[str]) -> Diagnosis | None:
    """The slip an error gives away: inputs changed in place, or an exception whose message
    names its cause (math on arrays, ^ for a power, None not handled, a product of shapes that
    do not fit)."""
    if error is None:
        return None
    if error.kind == "mutation":
        return Diagnosis(
            "changed_its_input",
            "Your function changed an array it was given: an in-place operation (w -= ..., "
            "w *= x, A[i] = ..., or a list of the caller's arrays updated entry by entry) "
            "writes into the caller's data. Compute new arrays instead (w = w - ..., or work on "
            "a .copy()), so that what the caller passed in stays as it was.")
    if error.kind != "exception":
        return None
    text = error.message
    if "arrays can be converted to Python scalars" in text:
        return Diagnosis(
            "math_on_arrays",
            "A function for single numbers got an array: math.exp, math.sqrt, math.log and "
            "float() take one number. Use numpy's, which work entry by entry: np.exp, np.sqrt, "
            "np.log.")
    if "unsupported operand type(s) for ^" in text:
        return Diagnosis(
            "caret_for_power",
            "In Python ^ is not a power: it is the bitwise exclusive or, defined for whole "
            "numbers only. Write x ** 2 for x squared.")
    if "NoneType" in text and any(case.get(a) is None for case in cases for a in arguments):
        none = sorted({a for case in cases for a in arguments if case.get(a) is None})
        return Diagnosis(
            "none_not_handled",
            f"Your code does not handle {' or '.join(none)} = None: some cases pass None (a "
            "network without biases has biases=None), and adding, indexing or looping over None "
            "raises. Check for it: `if biases is not None:` before using them, and return None "
            "where the step says so.")
    if "not aligned" in text or "matmul: Input operand" in text:
        return Diagnosis(
            "product_of_shapes_that_do_not_fit",
            "A matrix product got two arrays whose shapes do not fit (columns of the first ≠ "
            "rows of the second). Either the product should be entry by entry (* multiplies "
            "matching entries; np.dot and @ are matrix products), or one matrix needs a "
            "transpose: write the shapes next to the formula and check each product.")
    return None
