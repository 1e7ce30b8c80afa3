"""A matrix equation as blocks drawn to scale, rows down and columns across, so that the sizes
visibly line up; on a shape mismatch the learner's result beside the expected one.

The grader knows no equation: a step draws its own (exercises/ex16_output_error/shapes.py draws
BP1, ex17 BP2, ex18 BP3 and BP4, ex19 all four) with `shapes`, `layer_mark` and `layer_size`,
and declares `shape_picture = "shapes.py:mismatch"` in its exercise.toml; the grader calls it
through `shape_mismatch` when a result has the wrong shape.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable

from grader.pictures.terminal import WIDTH

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
FLAT_ARRAY = "a flat array: keep the 2-d shape, rows = units, columns = samples"
COLOURS = {"factor": ("#0969da", "#ddf4ff"), "result": ("#1a7f37", "#dafbe1"),
           "yours": ("#cf222e", "#ffebe9")}


def shapes(title: str, factors: list[tuple[str, tuple[int, ...]]],
           result: tuple[str, tuple[int, ...]], operators: list[str] | None = None, *,
           equals: str = "=", yours: tuple[int, ...] | None = None, note: str = "") -> dict:
    """A matrix equation as blocks drawn to scale: `factors` are (label, shape), a shape () being
    a plain number, written as its label only ("m"); `operators` go between them (default "·"),
    `equals` before the `result`. `yours`: the learner's shape, drawn beside the result, and
    `note` a line under it all."""
    operators = ["·"] * (len(factors) - 1) if operators is None else list(operators)
    if len(operators) != max(len(factors) - 1, 0):
        raise ValueError("one operator between each two factors")
    return {"kind": "shapes", "title": title, "operators": operators, "equals": equals,
            "factors": [{"label": label, "shape": [int(n) for n in shape]}
                        for label, shape in factors],
            "result": {"label": result[0], "shape": [int(n) for n in result[1]]},
            "yours": None if yours is None else [int(n) for n in yours], "note": note}


def shape_text(shape) -> str:
    """3×4 for a matrix, (3,) for a flat array, "a number" for a 0-d one."""
    shape = tuple(int(n) for n in shape)
    if len(shape) == 2:
        return f"{shape[0]}×{shape[1]}"
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "a number" if not shape else f"{shape}"


# -- what a step's equations are written with ----------------------------------------------------

def layer_mark(layer: int | None, offset: int = 0, *, last: bool = False) -> str:
    """A layer as a superscript: ² for layer 2 (`layer` + `offset`); with no number ˡ, ˡ⁺¹ or
    ˡ⁻¹ for offset 0, 1 or −1, and ᴸ for the `last` layer."""
    if layer is None:
        return "ᴸ" if last else "ˡ" + {0: "", 1: "⁺¹", -1: "⁻¹"}[offset]
    return str(layer + offset).translate(SUPERSCRIPT)


def layer_size(layer: int | None, offset: int = 0, *, last: bool = False) -> str:
    """The name of a layer's number of units: n₂ for layer 2 (`layer` + `offset`); with no
    number n_l, n_(l+1) or n_(l−1) for offset 0, 1 or −1, and n_L for the `last` layer."""
    if layer is None:
        return "n_L" if last else {0: "n_l", 1: "n_(l+1)", -1: "n_(l−1)"}[offset]
    return f"n{str(layer + offset).translate(SUBSCRIPT)}"


def mismatch_note(gives: str, expected: tuple[int, ...], got: tuple[int, ...],
                  slip: str = "") -> str:
    """The line under a mismatch: "yours: 4×3, the product gives 3×4: a transpose?", where
    `gives` says what makes the result ("the product gives") and `slip` is the likely slip, when
    there is a guess."""
    head = f"yours: {shape_text(got)}, {gives} {shape_text(expected)}"
    return f"{head}: {slip}" if slip else head


def flat_slip(expected: tuple[int, ...], got: tuple[int, ...]) -> str:
    """The slip any vectorized step may show: a flat (n,) array where n × m belongs ("" when
    `got` is not one)."""
    return FLAT_ARRAY if len(got) == 1 and got[0] in expected else ""


# -- a result of the wrong shape, drawn by its step's own equation --------------------------------

def value_name(path: str, returns: list[str]) -> tuple[str, int | None]:
    """Which returned value `path` is, and which entry of it for a per-layer list: with
    `returns` ["deltas", "grad_w", "grad_b"], ("grad_w", 1) from "grad_w[1]" or from the path
    "[1][1]", and ("deltas", None) from "" (the first value)."""
    if path in ("", "the result"):
        return returns[0], None
    if path.startswith("["):
        head, _, rest = path[1:].partition("]")
        path = returns[int(head)] + rest if head.isdigit() and int(head) < len(returns) else path
    base, _, index = path.partition("[")
    return base, int(index.rstrip("]")) if index.rstrip("]").isdigit() else None


def shape_mismatch(draw: Callable, returns: list[str], case: dict, path: str,
                   expected: tuple[int, ...], got: tuple[int, ...]) -> dict | None:
    """A "shapes" picture of a failing case whose result at `path` has the wrong shape: the
    step's own equation for that value with the case's sizes, the expected result, and the
    learner's beside it with a guess at the slip ("yours: 4×3, the product gives 3×4: a
    transpose?").

    `draw(case, value, index, expected, got)` is the step's `shape_picture`: `value` one of
    its `returns`, `index` the entry of a per-layer list (else None); it returns the picture,
    or None for a value with no equation. `path`: the value as the verdict names it ("dW",
    "grad_w[1]") or its path ("", "[1]", "[1][0]")."""
    expected, got = tuple(int(k) for k in expected), tuple(int(k) for k in got)
    if expected == got:
        return None
    value, index = value_name(path, returns)
    try:
        picture = draw(case, value, index, expected, got)
    except (KeyError, ValueError, TypeError, IndexError, AttributeError):
        return None  # a case without the usual arguments: no picture rather than a wrong one
    if picture is None or tuple(picture["result"]["shape"]) != expected:
        return None  # an equation of other sizes than the result's would mislead
    return picture


# -- drawing --------------------------------------------------------------------------------------

def _block(shape) -> tuple[int, int] | None:
    """(rows, columns) as drawn: a flat (n,) array broadcasts like a row, 1×n, and a number is
    1×1; None: no block (3-d and up)."""
    shape = tuple(int(n) for n in shape)
    if len(shape) == 2:
        return shape
    return (1, shape[0]) if len(shape) == 1 else (1, 1) if not shape else None


def _slots(picture: dict) -> list[dict]:
    """Each matrix as drawn: the factors, the result, the learner's; a plain number has no block."""
    slots = [{"label": f["label"], "shape": f["shape"], "role": "factor"}
             for f in picture["factors"]]
    slots.append({**picture["result"], "role": "result"})
    if picture["yours"] is not None:
        slots.append({"label": "yours ✗", "shape": picture["yours"], "role": "yours"})
    for slot in slots:
        scalar = slot["role"] == "factor" and not slot["shape"]
        slot["block"] = None if scalar else _block(slot["shape"])
        slot["caption"] = "" if scalar else shape_text(slot["shape"])
    return slots


def _connectors(picture: dict) -> list[str]:
    """What stands after each slot: the operators, the equals sign, a gap before the learner's."""
    return ([f" {op} " for op in picture["operators"]] + [f" {picture['equals']} "]
            + (["    "] if picture["yours"] is not None else []))


def _scale(slots: list[dict], fixed: int) -> tuple[float, bool]:
    """Characters per matrix column (a row is half as many lines, so that an entry is about
    square): 2 or 1 keep every block exactly to scale; below 1 only roughly ("not to scale")."""
    def width(unit: float) -> int:
        return fixed + sum(max(len(s["label"]), len(s["caption"]),
                               max(1, round(s["block"][1] * unit)) if s["block"] else 0)
                           for s in slots)
    rows = max((s["block"][0] for s in slots if s["block"]), default=1)
    for unit in (2.0, 1.0):
        if width(unit) <= WIDTH and rows * unit / 2 <= 12:
            return unit, True
    unit = min(1.0, 24 / rows)
    while unit > 0.05 and width(unit) > WIDTH:
        unit *= 0.9
    return unit, False


def _block_rows(block: tuple[int, int], unit: float) -> list[str]:
    """A block as text: with 2 characters per column one line per row, entries in a checker
    of █ and ▓ so they can be counted; with fewer, half-lines (▀) keep the heights to scale."""
    rows, columns = block
    if unit == 2.0:
        return ["".join("█▓"[(r + c // 2) % 2] for c in range(2 * columns)) for r in range(rows)]
    width, halves = max(1, round(columns * unit)), max(1, round(rows * unit))
    lines = ["█" * width] * (halves // 2)
    return lines + (["▀" * width] if halves % 2 else [])


def text(picture: dict) -> str:
    """The blocks side by side in characters, labels above, sizes below, the note under it."""
    slots, connectors = _slots(picture), _connectors(picture)
    indent = "    "
    unit, to_scale = _scale(slots, len(indent) + sum(len(c) for c in connectors))
    drawn = [_block_rows(s["block"], unit) if s["block"] else None for s in slots]
    widths = [max(len(s["label"]) if d is not None else 0, len(s["caption"]),
                  len(d[0]) if d else len(s["label"])) for s, d in zip(slots, drawn, strict=True)]
    height = max(len(d) for d in drawn if d)
    middle = (min(len(d) for d in drawn if d) - 1) // 2

    def line(cells: list[str], joints: list[str]) -> str:
        parts = [indent]
        for index, cell in enumerate(cells):
            parts.append(cell.ljust(widths[index]))
            if index < len(joints):
                parts.append(joints[index])
        return "".join(parts).rstrip()

    blank = [" " * len(c) for c in connectors]
    lines = [f"  {picture['title']}", "",
             line([s["label"] if d is not None else "" for s, d in zip(slots, drawn,
                                                                        strict=True)], blank)]
    for row in range(height):
        cells = [(d[row] if row < len(d) else "") if d is not None else
                 (s["label"] if row == middle else "") for s, d in zip(slots, drawn, strict=True)]
        lines.append(line(cells, connectors if row == middle else blank))
    lines.append(line([s["caption"] for s in slots], blank))
    legend = "rows down, columns across, each block to scale" if to_scale else \
        "rows down, columns across (too big to draw to scale)"
    lines.append(f"{indent}{legend}")
    if picture["note"]:
        lines += textwrap.wrap(picture["note"], WIDTH, initial_indent=indent,
                               subsequent_indent=indent)
    return "\n".join(lines)


def svg(picture: dict) -> str:
    """The blocks as rectangles to one scale, a faint line between entries when they are big
    enough to count."""
    slots, connectors = _slots(picture), _connectors(picture)
    columns = sum(s["block"][1] for s in slots if s["block"])
    rows = max(s["block"][0] for s in slots if s["block"])
    size = max(3, min(22, 440 // max(columns, 1), 160 // rows))
    char = 7.2  # px per character at font-size 12
    parts, x, top = [], 10.0, 40
    middle = top + min(s["block"][0] for s in slots if s["block"]) * size / 2
    esc = html.escape
    for index, slot in enumerate(slots):
        block = slot["block"]
        width = max(len(slot["caption"]) * char, block[1] * size if block else 0,
                    len(slot["label"]) * char)
        if block:
            stroke, fill = COLOURS[slot["role"]]
            h, w = block[0] * size, block[1] * size
            parts.append(f'<rect x="{x:.1f}" y="{top}" width="{w}" height="{h}" fill="{fill}" '
                         f'stroke="{stroke}" stroke-width="1.5"/>')
            if size >= 6:  # a line between entries, so they can be counted
                lines = [f"M{x + c * size:.1f} {top}v{h}" for c in range(1, block[1])]
                lines += [f"M{x:.1f} {top + r * size}h{w}" for r in range(1, block[0])]
                if lines:
                    parts.append(f'<path d="{"".join(lines)}" stroke="{stroke}" '
                                 'stroke-opacity="0.35" stroke-width="0.8" fill="none"/>')
            parts.append(f'<text x="{x:.1f}" y="{top - 8}" font-size="12" fill="{stroke}">'
                         f'{esc(slot["label"])}</text>')
            parts.append(f'<text x="{x:.1f}" y="{top + rows * size + 16}" font-size="12" '
                         f'font-weight="bold">{esc(slot["caption"])}</text>')
        else:
            parts.append(f'<text x="{x:.1f}" y="{middle + 4:.1f}" font-size="12">'
                         f'{esc(slot["label"])}</text>')
        x += width
        if index < len(connectors) and connectors[index].strip():
            joint = connectors[index].strip()
            parts.append(f'<text x="{x + 6:.1f}" y="{middle + 4:.1f}" font-size="13">'
                         f"{esc(joint)}</text>")
            x += len(joint) * char + 12
        elif index < len(connectors):
            x += 24
    height = top + rows * size + 24
    note = picture["note"]
    if note:
        parts.append(f'<text x="10" y="{height + 12}" font-size="12" fill="#cf222e">'
                     f"{esc(note)}</text>")
        height += 20
    width = max(x + 10, len(picture["title"]) * char + 20, len(note) * 6.6 + 20)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height + 6}" '
            f'role="img" aria-label="{esc(picture["title"])}" font-family="sans-serif">'
            f'<text x="10" y="16" font-size="13">{esc(picture["title"])}</text>'
            f'{"".join(parts)}</svg>')
