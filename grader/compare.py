"""One place that compares a learner's outputs with the expected ones and words every mismatch
the same way: structure first, then shape (`allclose` would broadcast (n, 1) against (n,)), then
NaN/inf, then values within a relative and an absolute tolerance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Outputs = dict[str, np.ndarray]


@dataclass(frozen=True)
class Mismatch:
    kind: str  # "structure", "shape", "nonfinite" or "value"
    path: str
    message: str


def describe_path(path: str, returns: list[str]) -> str:
    """`[1]` becomes `history` when the step returns (w, history); the root is 'the result'."""
    if not path:
        return "the result"
    if len(returns) > 1 and path.startswith("["):
        head, _, rest = path[1:].partition("]")
        if head.isdigit() and int(head) < len(returns):
            return returns[int(head)] + rest
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
    expected: Outputs, got: Outputs, rtol: float, atol: float, returns: list[str]
) -> Mismatch | None:
    if list(expected) != list(got):
        return Mismatch("structure", "", _structure_message(expected, got, returns))
    for path, want in expected.items():
        have = got[path]
        name = describe_path(path, returns)
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
    with np.printoptions(precision=digits, suppress=True, threshold=40, edgeitems=3,
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
    from grader.child import flatten_result, to_array

    outputs: Outputs = {}
    for path, leaf in flatten_result(value, parts=parts):
        array = to_array(leaf)
        if isinstance(array, str):
            raise TypeError(f"reference value at '{path or 'result'}' is {array}")
        outputs[path] = array
    return outputs
