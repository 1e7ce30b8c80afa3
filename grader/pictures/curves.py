"""A quantity per training step, the learner's beside the reference's, with a title and
labelled axes: the cost (ex06, ex07, q02), where divergence shows as a line leaving the top of
the plot; the gap between hidden units (ex29), flat at 0 when they start the same."""

from __future__ import annotations

import html
import math

MARKS = {"reference": "·", "yours": "●"}


def curves(reference, yours, *, title: str, y_label: str, x_label: str = "training step"
           ) -> dict:
    """Two series over the same steps, the learner's beside the reference's. `title` says what
    is drawn, `y_label` the quantity and its unit, `x_label` what one step is."""
    return {"kind": "curves", "title": title, "x_label": x_label, "y_label": y_label,
            "series": {"reference": [float(v) for v in reference],
                       "yours": [float(v) for v in yours]}}


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


def _labels(picture: dict) -> tuple[str, str, str]:
    """(title, x axis, y axis); pictures stored before curves had labels were all costs."""
    return (picture.get("title", "The cost during training: yours and the expected one"),
            picture.get("x_label", "training step"), picture.get("y_label", "cost C"))


def text(picture: dict, width: int = 48, height: int = 8) -> str:
    """The two series as marks on a grid of characters, `width` steps across."""
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
    title, x_label, y_label = _labels(picture)
    lines = [f"  {title}", f"  {y_label}" + ("  (log scale)" if log else "")]
    lines += [f"  {'':>9} {''.join(over)}"] if "↑" in over else []
    for row, cells in enumerate(grid):
        label = f"{top:.3g}" if row == 0 else f"{bottom:.3g}" if row == height - 1 else ""
        lines.append(f"  {label:>9} │{''.join(cells)}")
    lines.append(f"  {'':>9} └{'─' * width}")
    lines.append(f"  {'':>9}  {x_label}: 0 → {len(picture['series']['reference']) - 1}   "
                 f"{MARKS['yours']} yours   {MARKS['reference']} expected"
                 + ("   ↑ yours above the plot" if "↑" in over else ""))
    return "\n".join(lines)


def svg(picture: dict, height: int = 220) -> str:
    """The two series as lines, the plot as wide as its labels need."""
    low, high, log = _scale(picture)
    title, x_label, y_label = _labels(picture)
    width = max(420, round(7 * len(title)), round(6 * len(y_label)) + 30)  # labels fit
    colours = {"reference": "#8c959f", "yours": "#cf222e"}
    left, top, right, bottom = 64, 40, width - 10, height - 46  # the plot's frame
    steps = len(picture["series"]["reference"]) - 1
    lines = []
    for name in ("reference", "yours"):
        values = picture["series"][name]
        points = []
        for index, value in enumerate(values):
            where = _position(value, low, high, log)
            if where is None:
                continue
            x = left + index * (right - left) / max(len(values) - 1, 1)
            y = top + (1 - min(max(where, -0.05), 1.05)) * (bottom - top)
            points.append(f"{x:.1f},{y:.1f}")
        lines.append(f'<polyline fill="none" stroke="{colours[name]}" stroke-width="2" '
                     f'points="{" ".join(points)}"/>')
    high_value, low_value = (10 ** high, 10 ** low) if log else (high, low)
    esc = html.escape
    axes = (f'<text x="4" y="15" font-size="13" font-weight="bold">{esc(title)}</text>'
            f'<text x="4" y="31" font-size="11" fill="#57606a">↑ {esc(y_label)}'
            f'{" (log scale)" if log else ""}</text>'
            f'<text x="{left - 4}" y="{top + 4}" font-size="10" text-anchor="end">'
            f"{high_value:.3g}</text>"
            f'<text x="{left - 4}" y="{bottom + 4}" font-size="10" text-anchor="end">'
            f"{low_value:.3g}</text>"
            f'<text x="{left}" y="{bottom + 14}" font-size="10" text-anchor="middle">0</text>'
            f'<text x="{right}" y="{bottom + 14}" font-size="10" text-anchor="middle">{steps}'
            f'</text><text x="{(left + right) / 2:.0f}" y="{bottom + 28}" font-size="11" '
            f'text-anchor="middle" fill="#57606a">{esc(x_label)} →</text>')
    legend = (f'<text x="{left}" y="{height - 6}" font-size="11" fill="#cf222e">— yours</text>'
              f'<text x="{left + 60}" y="{height - 6}" font-size="11" fill="#8c959f">'
              "— expected</text>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img" aria-label="{esc(title)}" font-family="sans-serif">{axes}'
            f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
            f'fill="none" stroke="#d0d7de"/>{"".join(lines)}{legend}</svg>')
