"""One place that words every failure: it compares a learner's outputs with the expected ones
(structure first, then shape: `allclose` would broadcast (n, 1) against (n,); then NaN/inf, then
values within a relative and an absolute tolerance), and says why a run gave nothing to compare
(time-outs, crashes, exceptions, unreadable results) or why a case does not count (inputs
changed in place, an input handed back)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from grader.verdict import ErrorInfo

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
        return "the result"
    if len(returns) > 1 and path.startswith("["):
        head, _, rest = path[1:].partition("]")
        if head.isdigit() and int(head) < len(returns):
            layer = re.fullmatch(r"\[(\d+)\]", rest) if per_layer else None
            where = f" (layer {int(layer[1]) + 2})" if layer else ""
            return returns[int(head)] + rest + where
    return path


def describe_shape(shape: tuple[int, ...]) -> str:
    return "a single number" if shape == () else f"an array of shape {shape}"


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
            return Mismatch(
                "shape", path,
                f"{name} is {describe_shape(have.shape)}, expected {describe_shape(want.shape)}",
            )
        bad = ~np.isfinite(have) & np.isfinite(want)
        if bad.any():
            what = "NaN" if np.isnan(have[bad]).any() else "inf"
            return Mismatch("nonfinite", path, f"{name} contains {what} where a number is expected")
        if not np.allclose(have, want, rtol=rtol, atol=atol, equal_nan=True):
            wrong = ~np.isclose(have, want, rtol=rtol, atol=atol, equal_nan=True)
            count = f" ({int(wrong.sum())} of {wrong.size} entries)" if want.ndim else ""
            return Mismatch("value", path, f"{name} has wrong values{count}")
    return None


def _structure_message(expected: Outputs, got: Outputs, returns: list[str]) -> str:
    def shape_of(outputs: Outputs) -> str:
        if list(outputs) == [""]:
            return "one value"
        return f"{len(outputs)} values"

    if len(returns) > 1:
        return (
            f"expected {len(returns)} values returned together ({', '.join(returns)}), "
            f"got {shape_of(got)}"
        )
    return f"expected {shape_of(expected)}, got {shape_of(got)}"


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
    from grader.running.child import flatten_result, to_array

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
        by = f" (by up to {size:.3g})" if isinstance(size, float) else ""
        return f"changed its input {changed} in place{by}", ErrorInfo(
            "mutation",
            f"{function} left its argument {changed} changed{by} after returning: compute new "
            "values instead of writing into the inputs, or, if you nudge an entry on purpose, "
            "save the old value and put exactly that value back",
        )
    if record.get("aliased"):
        return "returned one of its input arrays itself", ErrorInfo(
            "mutation",
            f"{function} returned one of its input arrays itself (the same object, or a view "
            "of it): return a new array, so the caller's data stays its own",
        )
    return None


def run_error(spec, run) -> ErrorInfo | None:
    """Why a child run produced no results to compare (None if it did): a time-out, a crash, an
    unreadable results file, or an error before the cases ran; "not_graded" when the grader
    itself could not finish (its fault, tried again: never the learner's fail)."""
    if run.grader_fault and run.status is None:
        return ErrorInfo("not_graded", f"not graded: {run.grader_fault}")
    if run.timed_out:
        return ErrorInfo("timeout", f"stopped after {spec.time_limit:g} s (the time limit): "
                         "look for a loop that never ends")
    if run.unreadable:
        return ErrorInfo("output", f"the results could not be read back: {run.unreadable}")
    status = run.status
    if status is None:
        if run.signal_name == "SIGXCPU":
            return ErrorInfo("timeout", "stopped: used more CPU time than allowed")
        if run.signal_name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT"):
            return ErrorInfo("crash", f"the Python process crashed ({run.signal_name})",
                             run.stderr[-800:])
        if run.signal_name:
            return ErrorInfo("crash", f"the Python process was killed ({run.signal_name})",
                             run.stderr[-800:])
        if "MemoryError" in run.stderr:
            return ErrorInfo("memory", "ran out of memory (the limit is "
                             f"{spec.memory_mb} MB)", run.stderr[-800:])
        return ErrorInfo("exit", f"the code exited (exit code {run.returncode}) before "
                         f"{spec.function} returned its answers", run.stderr[-800:])
    error = status.get("error")
    if not isinstance(error, dict):
        return None
    kind = error.get("kind")
    if kind == "syntax":
        return ErrorInfo("syntax", f"syntax error: {error.get('message', '')}",
                         str(error.get("traceback", "")))
    if kind == "missing_function":
        defined = [str(n) for n in error.get("defined", [])][:8]
        found = f" (it defines: {', '.join(defined)})" if defined else ""
        return ErrorInfo("missing_function",
                         f"your file has no function named `{spec.function}`{found}")
    if kind == "output":
        return ErrorInfo("output", str(error.get("message", "could not read the results")))
    if status.get("stage") in ("import", "lookup"):
        return exception_info(error, spec.function, during="import")
    return exception_info(error, spec.function, during="call")


def record_error(record: dict, function: str) -> ErrorInfo:
    error = record.get("error") if isinstance(record.get("error"), dict) else {}
    kind = error.get("kind", "output")
    if kind == "output":
        return ErrorInfo("output", f"{function} {error.get('message', 'returned nothing usable')}")
    return exception_info(error, function, during="call")


def exception_info(error: dict, function: str, during: str) -> ErrorInfo:
    kind = error.get("kind", "exception")
    name = error.get("type", "Exception")
    message = str(error.get("message", ""))
    details = str(error.get("traceback", ""))
    where = f"{function}" if during == "call" else "your file, while importing it,"
    if kind == "not_implemented":
        # Name the function that still raises: the last frame of the learner's traceback.
        frames = re.findall(r", in (\w+)\n", details)
        where = frames[-1] if frames and frames[-1] != "<module>" else function
        return ErrorInfo("not_implemented",
                         f"{where} is not written yet: replace the `raise NotImplementedError` "
                         "with your code", details)
    if kind == "exit":
        code = f": {message}" if message else ""
        return ErrorInfo("exit", f"{where} called exit ({name}{code}); return a value instead",
                         details)
    if kind == "memory":
        return ErrorInfo("memory", f"{where} ran out of memory (MemoryError)", details)
    label = "import" if during == "import" else "exception"
    text = f"{where} raised {name}" + (f": {message}" if message else "")
    return ErrorInfo(label, text, details)
