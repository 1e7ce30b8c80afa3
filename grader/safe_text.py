"""Learner-controlled text made safe to show: on a terminal (no control sequences, no bidi
overrides) and in a spreadsheet (no formulas).

A learner's name, an exception message from their code, their printed output or a file name in
their submission can carry CR, ANSI escape sequences or Unicode bidi overrides that rewrite what
an instructor's terminal shows (a 0 % verdict drawn over as 100 %). `printable` shows each such
character as a visible escape instead. Backslashes are left as they are (paths stay readable),
so a name typed with a literal `\\x1b` looks like an escaped one: harmless, but not unambiguous.
"""

from __future__ import annotations

import re
from functools import lru_cache

# C0 controls, DEL, C1 controls; the bidi overrides, embeddings and isolates, and the
# invisible bidi marks (LRM, RLM, ALM) that reorder text around them too.
UNSAFE = (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F,
          *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(code: int) -> str:
    char = chr(code)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


@lru_cache(maxsize=8)
def _table(keep: str) -> dict[int, str]:
    return {code: _escape(code) for code in UNSAFE if chr(code) not in keep}


def printable(text: object, keep: str = "") -> str:
    """`text` with every control character, DEL and bidi control shown as a visible escape
    (`\\x1b`, `\\r`, `\\u202e`). `keep`: characters to leave as they are, e.g. "\\n\\t" for a
    multi-line message; a name keeps nothing."""
    return str(text).translate(_table(keep))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet cannot run (OWASP's CSV injection advice): a text cell that
    starts with = + - @ tab or CR gets a leading single quote, and its control characters are
    escaped (the CSV may well be printed to a terminal). Numbers, and text that is exactly a
    number ("-1.5"), stay as they are: a number is not a formula."""
    if not isinstance(value, str):
        return value
    text = printable(value, keep="\n")
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(values) -> list:
    """`csv_cell` over one row, for csv.writer.writerow."""
    return [csv_cell(v) for v in values]
