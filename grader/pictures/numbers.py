"""A number as the course writes it: a real minus sign, at most so many significant digits, in
brackets after an operator when negative. The pictures label their lines with these, and the
worked examples and quizzes (grader/course/worked.py) write their text with them; no numpy, so
drawing a picture costs none."""

from __future__ import annotations

from typing import SupportsFloat


def show(x: SupportsFloat, digits: int = 6, *, fixed: bool = False) -> str:
    """A number as the text shows it, with a real minus sign: at most `digits` significant
    digits, or with `fixed` exactly `digits` decimals. Anything that reads as zero is "0"."""
    text = f"{float(x):.{digits}{'f' if fixed else 'g'}}"
    return "0" if float(text) == 0 else text.replace("-", "−")


def factor(x: SupportsFloat, digits: int = 6, *, fixed: bool = False) -> str:
    """A number after an operator, as `show` writes it: in brackets when negative,
    0.6 − 2.5 · (−0.3)."""
    text = show(x, digits, fixed=fixed)
    return f"({text})" if text.startswith("−") else text
