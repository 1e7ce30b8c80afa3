"""Pictures a learner would rather look at than read, each in two forms: Unicode text for the
terminal and inline SVG for a notebook. A picture is plain data (a dict on the failing case,
stored with the attempt); these functions draw it.

- "curves": cost per training step, the learner's beside the reference's (ex06): divergence
  shows as a line leaving the top of the plot.
- "digits": test images the learner's network got wrong (the capstone), with both labels.
- "layers": the network as layers, the first wrong one (from the output backwards) marked.
"""

from __future__ import annotations

import html
import math

SHADES = " ░▒▓█"
MARKS = {"reference": "·", "yours": "●"}


def text(picture: dict) -> str:
    return {"curves": _curves_text, "digits": _digits_text,
            "layers": _layers_text}[picture["kind"]](picture)


def svg(picture: dict) -> str:
    return {"curves": _curves_svg, "digits": _digits_svg,
            "layers": _layers_svg}[picture["kind"]](picture)


# -- cost curves --------------------------------------------------------------------------------

def _scale(picture: dict) -> tuple[float, float, bool]:
    """(low, high, log) over the reference's values: the learner's may leave the plot."""
    reference = [v for v in picture["series"]["reference"] if math.isfinite(v)]
    if not reference:
        return 0.0, 1.0, False
    low, high = min(reference), max(reference)
    log = low > 0 and high / low > 100
    if log:
        low, high = math.log10(low), math.log10(high)
    elif low >= 0:
        low = 0.0  # a cost: the axis starts at 0, so a flat curve looks flat
    if high - low < 1e-12:
        low, high = low - 1.0, high + 1.0
    pad = (high - low) * 0.05
    return (low if low == 0.0 and not log else low - pad), high + pad, log


def _position(value: float, low: float, high: float, log: bool) -> float | None:
    """0 (bottom) .. 1 (top); None for NaN; beyond the range for values that left it."""
    if not math.isfinite(value):
        return None if math.isnan(value) else (2.0 if value > 0 else -1.0)
    if log:
        if value <= 0:
            return -1.0
        value = math.log10(value)
    return (value - low) / (high - low)


def _curves_text(picture: dict, width: int = 48, height: int = 8) -> str:
    low, high, log = _scale(picture)
    grid = [[" "] * width for _ in range(height)]
    over = [" "] * width
    for name in ("reference", "yours"):
        values = picture["series"][name]
        for index, value in enumerate(values):
            column = min(width - 1, round(index * (width - 1) / max(len(values) - 1, 1)))
            where = _position(value, low, high, log)
            if where is None:
                continue
            if where > 1:
                over[column] = "↑"
                continue
            row = height - 1 - min(height - 1, max(0, round(where * (height - 1))))
            grid[row][column] = "◆" if grid[row][column] not in (" ", MARKS[name]) else \
                MARKS[name]
    top = 10 ** high if log else high
    bottom = 10 ** low if log else low
    lines = [f"  {'':>9} {''.join(over)}"] if "↑" in over else []
    for row, cells in enumerate(grid):
        label = f"{top:.3g}" if row == 0 else f"{bottom:.3g}" if row == height - 1 else ""
        lines.append(f"  {label:>9} │{''.join(cells)}")
    lines.append(f"  {'':>9} └{'─' * width}")
    lines.append(f"  {'':>9}  step 0 → {len(picture['series']['reference']) - 1}   "
                 f"{MARKS['yours']} yours   {MARKS['reference']} expected"
                 + ("   ↑ yours above the plot" if "↑" in over else "")
                 + ("   (log scale)" if log else ""))
    return "\n".join(lines)


def _curves_svg(picture: dict, width: int = 360, height: int = 160) -> str:
    low, high, log = _scale(picture)
    colours = {"reference": "#8c959f", "yours": "#cf222e"}
    lines = []
    for name in ("reference", "yours"):
        values = picture["series"][name]
        points = []
        for index, value in enumerate(values):
            where = _position(value, low, high, log)
            if where is None:
                continue
            x = 30 + index * (width - 40) / max(len(values) - 1, 1)
            y = 10 + (1 - min(max(where, -0.05), 1.05)) * (height - 30)
            points.append(f"{x:.1f},{y:.1f}")
        lines.append(f'<polyline fill="none" stroke="{colours[name]}" stroke-width="2" '
                     f'points="{" ".join(points)}"/>')
    legend = (f'<text x="30" y="{height - 4}" font-size="11" fill="#cf222e">yours</text>'
              f'<text x="80" y="{height - 4}" font-size="11" fill="#8c959f">expected</text>'
              + (f'<text x="150" y="{height - 4}" font-size="11">(log scale)</text>'
                 if log else ""))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img" aria-label="cost per step"><rect x="30" y="10" width="{width - 40}" '
            f'height="{height - 30}" fill="none" stroke="#d0d7de"/>{"".join(lines)}{legend}'
            "</svg>")


def curves(reference, yours) -> dict:
    return {"kind": "curves", "series": {"reference": [float(v) for v in reference],
                                         "yours": [float(v) for v in yours]}}


# -- digits -------------------------------------------------------------------------------------

def _digits_text(picture: dict) -> str:
    images = picture["images"]
    rows = []
    for line in range(8):
        cells = []
        for image in images:
            pixels = image[line * 8:(line + 1) * 8]
            cells.append("".join(SHADES[min(4, round(p / 16 * 4))] * 2 for p in pixels))
        rows.append("    " + "   ".join(cells))
    labels = "   ".join(f"{f'read {p}, is {t}':<16}"
                        for p, t in zip(picture["predicted"], picture["true"], strict=True))
    return "\n".join([*rows, "    " + labels])


def _digits_svg(picture: dict, size: int = 6) -> str:
    parts = []
    for number, image in enumerate(picture["images"]):
        left = number * (8 * size + 16)
        for index, value in enumerate(image):
            shade = 255 - round(value / 16 * 255)
            parts.append(f'<rect x="{left + index % 8 * size}" y="{index // 8 * size}" '
                         f'width="{size}" height="{size}" fill="rgb({shade},{shade},{shade})"/>')
        label = f"read {picture['predicted'][number]}, is {picture['true'][number]}"
        parts.append(f'<text x="{left}" y="{8 * size + 12}" font-size="10">'
                     f"{html.escape(label)}</text>")
    width = len(picture["images"]) * (8 * size + 16)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{8 * size + 16}" '
            f'role="img" aria-label="digits read wrong">{"".join(parts)}</svg>')


def digits(images, predicted, true) -> dict:
    return {"kind": "digits", "images": [[float(v) for v in image] for image in images],
            "predicted": [int(p) for p in predicted], "true": [int(t) for t in true]}


# -- layers -------------------------------------------------------------------------------------

def _layers_text(picture: dict) -> str:
    boxes = ["input"] + [f"layer {n + 2}" for n in range(picture["count"])]
    marks = [""] + ["✗" if n == picture["wrong"] else "✓" if n > picture["wrong"] else "?"
                    for n in range(picture["count"])]
    drawn = " → ".join(f"[{box}{(' ' + mark) if mark else ''}]"
                       for box, mark in zip(boxes, marks, strict=True))
    return (f"    {drawn}\n    ✓ right   ✗ the first wrong layer, from the output   "
            "? not checked (the error is passed back through ✗)")


def _layers_svg(picture: dict) -> str:
    count = picture["count"]
    parts = []
    for n in range(count + 1):
        x = 10 + n * 90
        wrong = n - 1 == picture["wrong"]
        right = n - 1 > picture["wrong"]
        colour = "#cf222e" if wrong else "#1a7f37" if right else "#8c959f"
        label = "input" if n == 0 else f"layer {n + 1}"
        parts.append(f'<rect x="{x}" y="10" width="70" height="30" rx="4" fill="none" '
                     f'stroke="{colour}" stroke-width="{3 if wrong else 1.5}"/>'
                     f'<text x="{x + 35}" y="30" font-size="11" text-anchor="middle" '
                     f'fill="{colour}">{label}</text>')
        if n < count:
            parts.append(f'<line x1="{x + 70}" y1="25" x2="{x + 90}" y2="25" '
                         'stroke="#57606a"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{20 + (count + 1) * 90}" '
            f'height="50" role="img" aria-label="layers">{"".join(parts)}</svg>')


def layers(count: int, wrong: int) -> dict:
    return {"kind": "layers", "count": count, "wrong": wrong}
