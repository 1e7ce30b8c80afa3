"""Numbers as a worked example or a quiz shows them.

One copy of the small helpers that every `explain.py` and `questions.py` used to repeat: drawing
numbers that can be worked by hand, and writing numbers, formulas and arrays the way the text
around them expects (a real minus sign "−", negatives in brackets after an operator, no float
noise: `show` and `factor`, from grader/pictures/numbers.py, where the pictures use them without
numpy). Nothing here computes a result: the reference engine does; this only shows it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import SupportsFloat

import numpy as np
from numpy.typing import ArrayLike

from grader.course.spec import EXPLAIN_FILE
from grader.pictures import text as picture_text
from grader.pictures.numbers import factor, show  # noqa: F401 - explain.py imports factor here

# --- drawing --------------------------------------------------------------------------------


def draw(rng: np.random.Generator, low: float, high: float, digits: int = 1,
         avoid: Iterable[float] = ()) -> float:
    """A number from [low, high], rounded to `digits` decimals so it can be worked by hand,
    never one of `avoid` (drawn again until it is not); never −0.0."""
    avoid = tuple(avoid)
    while True:
        value = round(float(rng.uniform(low, high)), digits) + 0.0  # + 0.0: never −0.0
        if all(abs(value - bad) > 1e-9 for bad in avoid):
            return value


def nonzero(rng: np.random.Generator, low: float, high: float,
            size: int | tuple[int, ...] | None = None, decimals: int = 1, *,
            below: float | None = None, instead: float = 0.1) -> np.ndarray | float:
    """Numbers from [low, high) rounded to `decimals`, one draw each (all at once, never drawn
    again): any smaller in size than `below` (by default: any that rounds to 0) becomes
    `instead`, so that it still shows in a formula. A float when `size` is None."""
    values = np.round(rng.uniform(low, high, size=size), decimals)
    smallest = 0.5 * 10.0 ** -decimals if below is None else below
    values = np.where(np.abs(values) < smallest, instead, values)
    return float(values) if size is None else values


# --- one number -----------------------------------------------------------------------------


def before_after(before: SupportsFloat, after: SupportsFloat,
                 digits: int = 4) -> tuple[str, str, str]:
    """A value before and after a nudge, and the change, written so the change can be read off
    the two values: both with the decimals the change needs for `digits` significant digits
    (22.28312 and 22.30106, a change of 0.01794; not 22.28 and 22.3)."""
    change = float(after) - float(before)
    decimals = digits - 1 - math.floor(math.log10(abs(change))) if change else digits
    decimals = max(decimals, 0)
    return (show(before, decimals, fixed=True), show(after, decimals, fixed=True),
            show(change, digits))


def tidy(x: SupportsFloat) -> float:
    """The engine's value without the last bits of rounding noise (2.1, not 2.0999999999999996),
    so the answer shown after a question reads well."""
    return float(f"{float(x):.12g}")


def linear(alpha: SupportsFloat, beta: SupportsFloat, var: str) -> str:
    """αw + β written the way a learner would: "4.5w − 1.5", "−w + 0.2", "3w"."""
    alpha, beta = tidy(alpha), tidy(beta)
    head = {1.0: "", -1.0: "−"}.get(alpha, show(alpha, 10)) + var
    if beta == 0:
        return head
    return f"{head} {'+' if beta > 0 else '−'} {show(abs(beta), 10)}"


# --- arrays ---------------------------------------------------------------------------------


def listed(values: ArrayLike, digits: int = 6, *, fixed: bool = False,
           brackets: str = "[]") -> str:
    """Every entry, row after row, as `show` writes it, separated by commas and enclosed in
    `brackets` ("[]", "()" or "" for none): [0.5, −1.2, 3]."""
    inner = ", ".join(show(value, digits, fixed=fixed) for value in np.ravel(values))
    return f"{brackets[:1]}{inner}{brackets[1:]}"


def grid(label: str, M: ArrayLike, decimals: int = 4) -> list[str]:
    """A matrix, one row per line, each entry with `decimals` decimals and the columns aligned;
    the label on the first row, the other rows indented under it."""
    cells = [[show(v, decimals, fixed=True) for v in row] for row in np.atleast_2d(M)]
    width = max(len(c) for row in cells for c in row)
    pad = " " * len(label)
    return [f"{label if i == 0 else pad}[ {'  '.join(c.rjust(width) for c in row)} ]"
            for i, row in enumerate(cells)]


def matrix(value: ArrayLike, decimals: int = 4, *, label: str = "", one_line: bool = True,
           suppress_small: bool | None = None) -> str:
    """An array as numpy prints it (rounded to `decimals`, ", " between entries) after `label`:
    compactly on one line, or with `one_line=False` one row per line, each aligned under the
    first. `suppress_small` is numpy's (True: tiny entries print as 0)."""
    text = np.array2string(np.round(value, decimals), separator=", ",
                           suppress_small=suppress_small)
    if one_line:
        return label + text.replace("\n", "")
    first, *rest = text.splitlines()
    return "\n".join([label + first, *(" " * len(label) + row for row in rest)])


# --- a step's worked example ----------------------------------------------------------------


def worked_example(exercise, seed: int) -> tuple[str, list[dict]]:
    """(text, pictures) of a step's worked example for `seed`. explain.py defines either
    `explain(rng) -> str`, or `example(rng) -> (lines, pictures)`: then the text is the lines
    with each picture drawn in text below them, and a notebook draws the pictures as SVG."""
    module = exercise.load_module(EXPLAIN_FILE, "explain")
    rng = np.random.default_rng(seed)
    if hasattr(module, "example"):
        lines, pictures = module.example(rng)
        text = "\n".join(lines) + "".join("\n\n" + picture_text(p) for p in pictures)
        return text.rstrip(), list(pictures)
    return module.explain(rng).rstrip(), []
