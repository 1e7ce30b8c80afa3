"""Name the misconception behind wrong answers, from the outputs alone (never the source text),
so a slip written in three algebraically equivalent ways gets the same diagnosis.

First the exercise's declared misconceptions: the learner's outputs match one on every case they
answered. Then generic detectors: float32 arithmetic, a constant factor between got and expected,
a transpose, the arguments passed in another order, the results returned in another order, an
answer close to the right one but not equal. Where the code raised or changed its inputs,
`error_diagnosis` names the slips an error message gives away. Their messages are worded in
grader/wording/slips.py.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from grader.errors import ExerciseError
from grader.grading.cases import Case
from grader.grading.compare import Outputs, all_close, as_outputs
from grader.grading.verdict import Diagnosis
from grader.wording import slips

FACTORS = {  # factor between got and expected: the slip's name
    2.0: "extra_factor_2", 0.5: "missing_factor_2", -1.0: "flipped_sign",
    -2.0: "flipped_sign_extra_factor_2", -0.5: "flipped_sign_missing_factor_2",
}


def slip(name: str) -> Diagnosis:
    """A built-in slip with its message."""
    return Diagnosis(name, slips.MESSAGES[name])


def load_functions(path: Path, names: Sequence[str]) -> dict[str, Callable]:
    """The exercise's own (trusted) misconceptions.py, imported in the parent."""
    spec = importlib.util.spec_from_file_location(f"_misconceptions_{path.parent.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    missing = [name for name in names if not callable(getattr(module, name, None))]
    if missing:
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
        return slip("float32")
    return None


def _constant_factor(failing, got, expected, rtol, atol) -> Diagnosis | None:
    for factor, name in FACTORS.items():
        scaled = [{k: v * factor for k, v in expected[i].items()} for i in failing]
        if all(all_close(s, got[i], rtol, atol) for s, i in zip(scaled, failing, strict=True)):
            return slip(name)
    return None


def _transpose(failing, got, expected, rtol, atol) -> Diagnosis | None:
    def transposed(outputs: Outputs) -> Outputs:
        return {k: v.T for k, v in outputs.items()}

    if not any(v.ndim == 2 for i in failing for v in expected[i].values()):
        return None
    if all(all_close(transposed(expected[i]), got[i], rtol, atol) for i in failing):
        return slip("transpose")
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
            used = [arguments[k] for k in order]
            return Diagnosis("argument_order", slips.argument_order(used, arguments))
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
    return slip("results_in_another_order")


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
    return Diagnosis("close_not_exact", slips.close_not_exact(worst))


def error_diagnosis(error, cases: list[Case], arguments: list[str]) -> Diagnosis | None:
    """The slip an error gives away: inputs changed in place, or an exception whose message
    names its cause (math on arrays, ^ for a power, None not handled, a product of shapes that
    do not fit)."""
    if error is None:
        return None
    if error.kind == "mutation":
        return slip("changed_its_input")
    if error.kind != "exception":
        return None
    text = error.message
    if "arrays can be converted to Python scalars" in text:
        return slip("math_on_arrays")
    if "unsupported operand type(s) for ^" in text:
        return slip("caret_for_power")
    if "NoneType" in text and any(case.get(a) is None for case in cases for a in arguments):
        none = sorted({a for case in cases for a in arguments if case.get(a) is None})
        return Diagnosis("none_not_handled", slips.none_not_handled(none))
    if "not aligned" in text or "matmul: Input operand" in text:
        return slip("product_of_shapes_that_do_not_fit")
    return None
