"""Compare a learner's outputs with the expected ones (structure first, then shape: `allclose`
would broadcast (n, 1) against (n,); then NaN/inf, then values within a relative and an absolute
tolerance), and find why a run gave nothing to compare (time-outs, crashes, exceptions,
unreadable results) or why a case does not count (inputs changed in place, an input handed
back). What the learner reads about each is worded in grader/wording/failures.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from grader.grading.verdict import ErrorInfo
from grader.running.child import flatten_result, to_array
from grader.wording import failures

Outputs = dict[str, np.ndarray]


@dataclass(frozen=True)
class Mismatch:
    kind: str  # "structure", "shape", "nonfinite" or "value"
    path: str
    message: str


def describe_path(path: str, returns: list[str], per_layer: bool = False) -> str:
    """`[1]` becomes `history` when the step returns (w, history); the root is 'the result'.
    In a per-layer step `[0][1]` is `weights[1] (layer 3)`: layers are named by Nielsen's
    numbers, where the input is layer 1, with the list's index beside them."""
    if not path:
        return failures.THE_RESULT
    if len(returns) > 1 and path.startswith("["):
        head, _, rest = path[1:].partition("]")
        if head.isdigit() and int(head) < len(returns):
            layer = re.fullmatch(r"\[(\d+)\]", rest) if per_layer else None
            where = failures.in_layer(int(layer[1]) + 2) if layer else ""
            return returns[int(head)] + rest + where
    return path


def close(expected: np.ndarray, got: np.ndarray, rtol: float, atol: float) -> bool:
    """Same shape and every entry within tolerance; NaN never matches a number."""
    if expected.shape != got.shape:
        return False
    return bool(np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True))


def all_close(expected: Outputs, got: Outputs, rtol: float, atol: float) -> bool:
    return expected.keys() == got.keys() and all(
        close(expected[k], got[k], rtol, atol) for k in expected
    )


def compare(
    expected: Outputs, got: Outputs, rtol: float, atol: float, returns: list[str],
    per_layer: bool = False,
) -> Mismatch | None:
    if list(expected) != list(got):
        return Mismatch("structure", "", _structure_message(expected, got, returns))
    for path, want in expected.items():
        have = got[path]
        if want.shape == have.shape:
            with np.errstate(invalid="ignore", over="ignore"):
                if (np.abs(have - want) <= atol + rtol * np.abs(want)).all():
                    continue  # allclose's rule, without its generality: the common case
        name = describe_path(path, returns, per_layer)
        if want.shape != have.shape:
            return Mismatch("shape", path, failures.wrong_shape(name, have.shape, want.shape))
        bad = ~np.isfinite(have) & np.isfinite(want)
        if bad.any():
            what = "NaN" if np.isnan(have[bad]).any() else "inf"
            return Mismatch("nonfinite", path, failures.not_finite(name, what))
        if not np.allclose(have, want, rtol=rtol, atol=atol, equal_nan=True):
            wrong = ~np.isclose(have, want, rtol=rtol, atol=atol, equal_nan=True)
            counted = (int(wrong.sum()), wrong.size) if want.ndim else (None, None)
            return Mismatch("value", path, failures.wrong_values(name, *counted))
    return None


def _structure_message(expected: Outputs, got: Outputs, returns: list[str]) -> str:
    def shape_of(outputs: Outputs) -> str:
        if list(outputs) == [""]:
            return "one value"
        return f"{len(outputs)} values"

    return failures.wrong_structure(shape_of(expected), shape_of(got), returns)


def format_value(value: float | np.ndarray, digits: int = 4, prefix: str = "") -> str:
    """Readable numbers: no -0, rows of a matrix aligned under a label of `prefix`'s width;
    `digits` decimals in arrays, `digits` + 2 significant digits for a single number."""
    with np.errstate(invalid="ignore"):  # a signalling NaN from raw bytes is still NaN
        array = np.asarray(value, dtype=np.float64) + 0.0  # + 0.0 turns -0.0 into 0.0
    if array.ndim == 0:
        return f"{float(array):.{digits + 2}g}"
    finite = np.abs(array[np.isfinite(array) & (array != 0)])
    # Fixed decimals read best, unless they would show small values as 0.0001 or 0.
    tiny = finite.size > 0 and finite.min() < 10.0 ** (1 - digits)
    with np.printoptions(precision=digits, suppress=not tiny, threshold=40, edgeitems=3,
                         linewidth=72):
        return np.array2string(array, separator=", ", prefix=prefix)


def format_input(name: str, value) -> dict[str, str]:
    """One line per argument; a list (one entry per layer) becomes name[0], name[1], ..."""
    if isinstance(value, (list, tuple)):
        if not value:
            return {name: "[] (empty)"}
        shown: dict[str, str] = {}
        for index, item in enumerate(value):
            shown.update(format_input(f"{name}[{index}]", item))
        return shown
    if value is None or isinstance(value, str):
        return {name: repr(value)}
    return {name: format_value(value)}


def error_map(expected: np.ndarray, got: np.ndarray) -> str | None:
    """|got - expected| per entry for matrices, so row, column and transpose patterns show."""
    if expected.ndim != 2 or expected.shape != got.shape or expected.size > 64:
        return None
    with np.printoptions(linewidth=72):
        return np.array2string(np.abs(got - expected), separator=" ", formatter={
            "float_kind": lambda v: f"{v:7.1e}" if v else "      0"
        })


def as_outputs(value: object, parts: int = 1) -> Outputs:
    """Flatten a trusted value (the reference's, a misconception's) exactly as the child does."""
    outputs: Outputs = {}
    for path, leaf in flatten_result(value, parts=parts):
        array = to_array(leaf)
        if isinstance(array, str):
            raise TypeError(f"reference value at '{path or 'result'}' is {array}")
        outputs[path] = array
    return outputs


# -- runs that gave nothing to compare, and cases that do not count ----------------------------

def input_problem(record: dict, function: str) -> tuple[str, ErrorInfo] | None:
    """A case whose inputs the function changed in place, or one of which it handed back:
    (the short problem shown with the case, the error), or None."""
    if record.get("mutated"):
        changed = ", ".join(str(name) for name in record["mutated"])
        size = record.get("mutated_by")
        return failures.changed_input_case(changed, size), ErrorInfo(
            "mutation", failures.changed_input(function, changed, size))
    if record.get("aliased"):
        return failures.RETURNED_INPUT_CASE, ErrorInfo("mutation",
                                                       failures.returned_input(function))
    return None


def run_error(spec, run) -> ErrorInfo | None:
    """Why a child run produced no results to compare (None if it did): a time-out, a crash, an
    unreadable results file, or an error before the cases ran; "not_graded" when the grader
    itself could not finish (its fault, tried again: never the learner's fail)."""
    if run.grader_fault and run.status is None:
        return ErrorInfo("not_graded", failures.not_graded(run.grader_fault))
    if run.timed_out:
        return ErrorInfo("timeout", failures.timed_out(spec.time_limit))
    if run.unreadable:
        return ErrorInfo("output", failures.unreadable_results(run.unreadable))
    status = run.status
    if status is None:
        tail = run.stderr[-800:]
        if run.signal_name == "SIGXCPU":
            return ErrorInfo("timeout", failures.CPU_TIME)
        if run.signal_name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT"):
            return ErrorInfo("crash", failures.crashed(run.signal_name), tail)
        if run.signal_name:
            return ErrorInfo("crash", failures.killed(run.signal_name), tail)
        if "MemoryError" in run.stderr:
            return ErrorInfo("memory", failures.out_of_memory(spec.memory_mb), tail)
        return ErrorInfo("exit", failures.exited(run.returncode, spec.function), tail)
    error = status.get("error")
    if not isinstance(error, dict):
        return None
    kind = error.get("kind")
    if kind == "syntax":
        return ErrorInfo("syntax", failures.syntax_error(error.get("message", "")),
                         str(error.get("traceback", "")))
    if kind == "missing_function":
        defined = [str(n) for n in error.get("defined", [])][:8]
        return ErrorInfo("missing_function", failures.missing_function(spec.function, defined))
    if kind == "output":
        return ErrorInfo("output", str(error.get("message", failures.UNREADABLE_OUTPUT)))
    if status.get("stage") in ("import", "lookup"):
        return exception_info(error, spec.function, during="import")
    return exception_info(error, spec.function, during="call")


def record_error(record: dict, function: str) -> ErrorInfo:
    error = record.get("error") if isinstance(record.get("error"), dict) else {}
    kind = error.get("kind", "output")
    if kind == "output":
        return ErrorInfo("output", f"{function} {error.get('message', failures.NOTHING_USABLE)}")
    return exception_info(error, function, during="call")


def exception_info(error: dict, function: str, during: str) -> ErrorInfo:
    kind = error.get("kind", "exception")
    name = error.get("type", "Exception")
    message = str(error.get("message", ""))
    details = str(error.get("traceback", ""))
    where = f"{function}" if during == "call" else failures.WHILE_IMPORTING
    if kind == "not_implemented":
        # Name the function that still raises: the last frame of the learner's traceback.
        frames = re.findall(r", in (\w+)\n", details)
        where = frames[-1] if frames and frames[-1] != "<module>" else function
        return ErrorInfo("not_implemented", failures.not_implemented(where), details)
    if kind == "exit":
        return ErrorInfo("exit", failures.called_exit(where, name, message), details)
    if kind == "memory":
        return ErrorInfo("memory", failures.ran_out_of_memory(where), details)
    label = "import" if during == "import" else "exception"
    return ErrorInfo(label, failures.raised(where, name, message), details)
