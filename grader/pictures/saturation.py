"""σ and σ′ with a batch's z values marked on them, and the gradient norm per layer as bars:
where the units sit on the flat tails, the gradients fade (the capstone ex23, ex30).

numpy (~150 ms) is imported where it is used: the CLI's render imports this package, and most
commands draw no picture."""

from __future__ import annotations

import html
import math

from grader.pictures.numbers import show
from grader.pictures.terminal import SHADES

SATURATED = 4.0  # |z| beyond it: σ′(z) < 0.018, under a fourteenth of its peak 0.25
MAX_POINTS = 120  # z values kept per layer (evenly spaced quantiles when there are more)
PALETTE = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bf8700", "#1b7c83"]


def saturation(z_per_layer: list, grad_norms: list[float], *, first_layer: int = 2,
               title: str = "") -> dict:
    """σ and σ′ drawn as curves with this batch's z values marked on them, one mark per layer,
    and each layer's gradient norm as a bar: units far out on the flat tails (|z| > 4) pass
    back almost nothing, and the bars show the gradient fading layer by layer.

    `z_per_layer`: each layer's weighted inputs (any shape, e.g. n × m), from the first hidden
    layer up; `grad_norms`: one number per layer (e.g. ‖∂C/∂W‖); `first_layer`: the number of
    the first (Nielsen's numbering, where the input is layer 1)."""
    import numpy as np  # see the top of the module

    if len(z_per_layer) != len(grad_norms):
        raise ValueError(f"{len(z_per_layer)} layers of z but {len(grad_norms)} gradient norms")
    layers = []
    for offset, z in enumerate(z_per_layer):
        z = np.asarray(z, dtype=np.float64).ravel()
        z = z[np.isfinite(z)]
        kept = z if z.size <= MAX_POINTS else np.quantile(z, np.linspace(0, 1, MAX_POINTS))
        layers.append({"layer": first_layer + offset, "z": [round(float(v), 4) for v in kept],
                       "count": int(z.size),
                       "saturated": int(np.count_nonzero(np.abs(z) > SATURATED))})
    return {"kind": "saturation", "title": title, "layers": layers,
            "grad_norms": [float(g) for g in grad_norms], "threshold": SATURATED}


def _sigma(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def _mark(layer: int) -> str:
    return str(layer) if layer < 10 else chr(ord("A") + layer - 10)


def _reach(picture: dict) -> float:
    """How far the z axis goes either side of 0: at least 6, at most 12."""
    largest = max((abs(v) for layer in picture["layers"] for v in layer["z"]), default=0.0)
    return float(max(6, min(12, math.ceil(largest))))


def _tail_lines(picture: dict) -> list[str]:
    """One line per layer: how many of its z sit on the flat tails."""
    edge = picture["threshold"]
    slope = show(_sigma(edge) * (1 - _sigma(edge)), 2)
    lines = []
    for layer in picture["layers"]:
        share = layer["saturated"] / layer["count"] if layer["count"] else 0.0
        lines.append(f"layer {layer['layer']}: {layer['saturated']} of {layer['count']} z "
                     f"beyond ±{edge:g} ({share:.0%}), where σ′ < {slope}")
    return lines


def _bar_lengths(norms: list[float], width: int) -> tuple[list[int], bool]:
    positive = [v for v in norms if v > 0 and math.isfinite(v)]
    if not positive:
        return [0] * len(norms), False
    low, high = min(positive), max(positive)
    log = high / low > 100
    lengths = []
    for v in norms:
        if not (v > 0 and math.isfinite(v)):
            lengths.append(0)
        elif log:
            floor = math.log10(low) - 0.25 * (math.log10(high) - math.log10(low))
            lengths.append(max(1, round(width * (math.log10(v) - floor)
                                        / (math.log10(high) - floor))))
        else:
            lengths.append(max(1, round(width * v / high)))
    return lengths, log


def _bars_text(picture: dict) -> list[str]:
    """A bar per layer, as long as its gradient norm (log scale when they differ a lot)."""
    lengths, log = _bar_lengths(picture["grad_norms"], 40)
    lines = ["", "  gradient norm per layer" + (" (log scale)" if log else "") + ":"]
    for layer, norm, length in zip(picture["layers"], picture["grad_norms"], lengths,
                                   strict=True):
        lines.append(f"    layer {layer['layer']:<3} {'█' * length:<40}  {show(norm, 3)}")
    return lines


def _bars_svg(picture: dict, left: int, y: int) -> tuple[str, int]:
    """The bars as rectangles in each layer's colour under line `y`, and where they end."""
    lengths, log = _bar_lengths(picture["grad_norms"], 40)
    y += 20
    parts = [f'<text x="4" y="{y}" font-size="11">gradient norm per layer'
             f'{" (log scale)" if log else ""}</text>']
    for index, (layer, norm, length) in enumerate(zip(picture["layers"], picture["grad_norms"],
                                                      lengths, strict=True)):
        y += 16
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<text x="4" y="{y}" font-size="11">layer {layer["layer"]}</text>'
                     f'<rect x="{left + 8}" y="{y - 10}" width="{length * 7}" height="11" '
                     f'fill="{colour}"/><text x="{left + 16 + length * 7}" y="{y}" '
                     f'font-size="11">{html.escape(show(norm, 3))}</text>')
    return "".join(parts), y


def text(picture: dict, width: int = 57) -> str:
    """σ and σ′ on a grid of characters with each z marked by its layer's number, a line of
    shades per layer, the share on the tails, and a bar per layer for its gradient norm."""
    reach = _reach(picture)

    def column(z: float) -> int:
        return round((min(max(z, -reach), reach) + reach) / (2 * reach) * (width - 1))

    def panel(curve, top: float, height: int, labels: tuple[str, str, str]) -> list[str]:
        grid = [[" "] * width for _ in range(height)]

        def row(value: float) -> int:
            return round((1 - value / top) * (height - 1))

        for c in range(width):
            grid[row(curve(-reach + 2 * reach * c / (width - 1)))][c] = "·"
        for layer in picture["layers"]:
            for z in layer["z"]:
                grid[row(curve(z))][column(z)] = _mark(layer["layer"])
        names = {0: labels[0], (height - 1) // 2: labels[1], height - 1: labels[2]}
        return [f"  {names.get(r, ''):>7} │{''.join(cells)}".rstrip()
                for r, cells in enumerate(grid)]

    lettered = [layer["layer"] for layer in picture["layers"] if layer["layer"] >= 10]
    lines = [f"  {picture['title']}", ""] if picture["title"] else []
    lines += ["  σ(z) and σ′(z), each z of this batch marked with its layer's number"
              + (f" ({_mark(lettered[0])} = {lettered[0]})" if lettered else "") + ":"]
    lines += panel(_sigma, 1.0, 7, ("1", "σ(z)", "0"))
    lines.append(f"  {'':>7} ├{'─' * width}")
    lines += panel(lambda z: _sigma(z) * (1 - _sigma(z)), 0.25, 5, ("0.25", "σ′(z)", "0"))
    ticks = [" "] * width
    for value in (-reach, -SATURATED, 0.0, SATURATED, reach):
        label = f"{value:g}".replace("-", "−")
        start = min(max(0, column(value) - len(label) // 2), width - len(label))
        ticks[start:start + len(label)] = list(label)
    lines += [f"  {'':>7} ├{'─' * width}"]
    for layer in picture["layers"]:  # each layer's z on its own line, darker where they crowd
        counts = [0] * width
        for z in layer["z"]:
            counts[column(z)] += 1
        most = max(counts) or 1
        lines.append(f"  {'layer ' + str(layer['layer']):>7} │"
                     + "".join(SHADES[math.ceil(4 * c / most)] for c in counts).rstrip())
    lines += [f"  {'':>7} └{'─' * width}", f"  {'z':>7}  {''.join(ticks).rstrip()}", ""]
    lines += [f"  {line}" for line in _tail_lines(picture)]
    return "\n".join(lines + _bars_text(picture))


def svg(picture: dict) -> str:
    """σ and σ′ with the tails shaded and each layer's z as dots of its colour, then the
    shares on the tails and the gradient norms as bars."""
    reach, left, plot = _reach(picture), 46, 360
    esc = html.escape
    parts = []

    def x_of(z: float) -> float:
        return left + (min(max(z, -reach), reach) + reach) / (2 * reach) * plot

    def panel(curve, top: float, y0: float, height: float, name: str) -> None:
        for side in (-1, 1):  # the flat tails, shaded
            a, b = sorted((x_of(side * SATURATED), x_of(side * reach)))
            parts.append(f'<rect x="{a:.1f}" y="{y0}" width="{b - a:.1f}" height="{height}" '
                         'fill="#f6f8fa"/>')
        points = " ".join(f"{x_of(z):.1f},{y0 + (1 - curve(z) / top) * height:.1f}"
                          for z in (-reach + 2 * reach * k / 80 for k in range(81)))
        parts.append(f'<rect x="{left}" y="{y0}" width="{plot}" height="{height}" fill="none" '
                     f'stroke="#d0d7de"/><polyline points="{points}" fill="none" '
                     'stroke="#57606a" stroke-width="1.5"/>'
                     f'<text x="4" y="{y0 + height / 2 + 4:.1f}" font-size="11">{name}</text>')
        for index, layer in enumerate(picture["layers"]):
            dots = {(round(x_of(z)), round(y0 + (1 - curve(z) / top) * height))
                    for z in layer["z"]}  # one dot per pixel: the tails pile up
            parts.append(f'<g fill="{PALETTE[index % len(PALETTE)]}" fill-opacity="0.6">'
                         + "".join(f'<circle cx="{cx}" cy="{cy}" r="2.5"/>'
                                   for cx, cy in sorted(dots)) + "</g>")

    y = 24 if picture["title"] else 6
    if picture["title"]:
        parts.append(f'<text x="4" y="16" font-size="13">{esc(picture["title"])}</text>')
    panel(_sigma, 1.0, y, 90, "σ(z)")
    panel(lambda z: _sigma(z) * (1 - _sigma(z)), 0.25, y + 100, 60, "σ′(z)")
    y += 172
    for value in (-reach, -SATURATED, 0.0, SATURATED, reach):
        parts.append(f'<text x="{x_of(value):.1f}" y="{y}" font-size="10" '
                     f'text-anchor="middle">{f"{value:g}".replace("-", "−")}</text>')
    parts.append(f'<text x="{left + plot + 8}" y="{y}" font-size="10">z</text>')
    for index, line in enumerate(_tail_lines(picture)):
        y += 15
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<text x="4" y="{y}" font-size="11" fill="{colour}">{esc(line)}</text>')
    bars, y = _bars_svg(picture, left, y)
    parts.append(bars)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + plot + 150}" '
            f'height="{y + 8}" role="img" aria-label="saturation" font-family="sans-serif">'
            f'{"".join(parts)}</svg>')

