"""Pictures a learner would rather look at than read, each in two forms: Unicode text for the
terminal and inline SVG for a notebook. A picture is plain data (a dict on the failing case,
stored with the attempt); these functions draw it.

- "curves": a quantity per training step, the learner's beside the reference's, with a title
  and labelled axes: the cost (ex06, ex07, q02), where divergence shows as a line leaving the top
  of the plot; the gap between hidden units (ex29), flat at 0 when they start the same.
- "digits": test images the learner's network got wrong (the capstone), with both labels.
- "layers": the network as layers, the first wrong one (from the output backwards) marked.
- "shapes": a matrix equation (BP1–BP4) as blocks drawn to scale, rows down and columns across,
  so that the sizes visibly line up; on a shape mismatch the learner's result beside it.
- "graph": a computation graph with numbers: the value above each arrow, the gradient below,
  and where a node is used more than once its gradients added up.
- "saturation": σ and σ′ with a batch's z values marked on them, and the gradient norm per
  layer as bars: where the units sit on the flat tails, the gradients fade.
- "stack": several of these, one under the other (a failing case may need two).
"""

from __future__ import annotations

import html
import math
import re
import textwrap

SHADES = " ░▒▓█"
MARKS = {"reference": "·", "yours": "●"}


def text(picture: dict) -> str:
    return {"curves": _curves_text, "digits": _digits_text, "layers": _layers_text,
            "shapes": _shapes_text, "graph": _graph_text, "saturation": _saturation_text,
            "stack": _stack_text}[picture["kind"]](picture)


def svg(picture: dict) -> str:
    return {"curves": _curves_svg, "digits": _digits_svg, "layers": _layers_svg,
            "shapes": _shapes_svg, "graph": _graph_svg, "saturation": _saturation_svg,
            "stack": _stack_svg}[picture["kind"]](picture)


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
    title, x_label, y_label = _curve_labels(picture)
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


def _curve_labels(picture: dict) -> tuple[str, str, str]:
    """(title, x axis, y axis); pictures stored before curves had labels were all costs."""
    return (picture.get("title", "The cost during training: yours and the expected one"),
            picture.get("x_label", "training step"), picture.get("y_label", "cost C"))


def _curves_svg(picture: dict, height: int = 220) -> str:
    low, high, log = _scale(picture)
    title, x_label, y_label = _curve_labels(picture)
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


def curves(reference, yours, *, title: str, y_label: str, x_label: str = "training step"
           ) -> dict:
    """Two series over the same steps, the learner's beside the reference's. `title` says what
    is drawn, `y_label` the quantity and its unit, `x_label` what one step is."""
    return {"kind": "curves", "title": title, "x_label": x_label, "y_label": y_label,
            "series": {"reference": [float(v) for v in reference],
                       "yours": [float(v) for v in yours]}}


# -- digits -------------------------------------------------------------------------------------

DIGITS_TITLE = "Test images (8×8 pixels) your network read wrong, with what it read"


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
    return "\n".join([f"    {DIGITS_TITLE}", *rows, "    " + labels])


def _digits_svg(picture: dict, size: int = 6) -> str:
    parts = [f'<text x="0" y="12" font-size="12" font-weight="bold">{DIGITS_TITLE}</text>']
    top = 18
    for number, image in enumerate(picture["images"]):
        left = number * (8 * size + 16)
        for index, value in enumerate(image):
            shade = 255 - round(value / 16 * 255)
            parts.append(f'<rect x="{left + index % 8 * size}" y="{top + index // 8 * size}" '
                         f'width="{size}" height="{size}" fill="rgb({shade},{shade},{shade})"/>')
        label = f"read {picture['predicted'][number]}, is {picture['true'][number]}"
        parts.append(f'<text x="{left}" y="{top + 8 * size + 12}" font-size="10">'
                     f"{html.escape(label)}</text>")
    width = max(len(picture["images"]) * (8 * size + 16), 7 * len(DIGITS_TITLE))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
            f'height="{top + 8 * size + 16}" role="img" aria-label="{DIGITS_TITLE}" '
            f'font-family="sans-serif">{"".join(parts)}</svg>')


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
    parts.append('<text x="10" y="58" font-size="10" fill="#57606a">input → output · '
                 '<tspan fill="#1a7f37">right</tspan> · <tspan fill="#cf222e">the first wrong '
                 'layer, from the output</tspan> · grey: not checked</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{max(20 + (count + 1) * 90, 420)}" '
            f'height="66" role="img" aria-label="the network\'s layers, the first wrong one '
            f'marked" font-family="sans-serif">{"".join(parts)}</svg>')


def layers(count: int, wrong: int) -> dict:
    return {"kind": "layers", "count": count, "wrong": wrong}


# -- shapes: BP1–BP4 as blocks drawn to scale -----------------------------------------------------

WIDTH = 78  # a text picture's widest line, indent included
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def shape_text(shape) -> str:
    """3×4 for a matrix, (3,) for a flat array, "a number" for a 0-d one."""
    shape = tuple(int(n) for n in shape)
    if len(shape) == 2:
        return f"{shape[0]}×{shape[1]}"
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "a number" if not shape else f"{shape}"


def _block(shape) -> tuple[int, int] | None:
    """(rows, columns) as drawn: a flat (n,) array broadcasts like a row, 1×n; None: no block."""
    shape = tuple(int(n) for n in shape)
    return {2: shape, 1: (1, shape[0]), 0: (1, 1)}.get(len(shape)) if len(shape) <= 2 else None


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


def _layer_mark(layer: int | None, offset: int = 0) -> str:
    """The superscript of a layer: ² for layer 2, ˡ⁺¹ for l + 1 when no number is given."""
    if layer is None:
        return "ˡ" + {0: "", 1: "⁺¹", -1: "⁻¹"}[offset]
    return str(layer + offset).translate(SUPERSCRIPT)


def bp_shapes(which: str, n: int, m: int, *, n_next: int | None = None,
              n_prev: int | None = None, layer: int | None = None,
              yours: tuple[int, ...] | None = None, note: str = "") -> dict:
    """The shapes of one of Nielsen's four equations, vectorized over a batch of m columns, for
    a layer of n units (`layer`: its number, input = 1; None writes l):

    - "BP1": δᴸ = (aᴸ − y) ⊙ σ′(zᴸ): (n × m) ⊙ (n × m) = (n × m)
    - "BP2": δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ): (n × n_next) · (n_next × m) ⊙ (n × m) = (n × m)
    - "BP4": ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ / m: (n × m) · (m × n_prev) = (n × n_prev)
    - "BP3": ∂C/∂bˡ = the mean of δˡ over the m columns: (n × m) → (n × 1)
    """
    here, up, down = (_layer_mark(layer, k) for k in (0, 1, -1))
    if which == "BP1":
        here = "ᴸ" if layer is None else here
        title = f"BP1: δ{here} = (a{here} − y) ⊙ σ′(z{here})"
        factors = [(f"a{here} − y", (n, m)), (f"σ′(z{here})", (n, m))]
        result, operators, equals = (f"δ{here}", (n, m)), ["⊙"], "="
    elif which == "BP2":
        title = f"BP2: δ{here} = ((W{up})ᵀ δ{up}) ⊙ σ′(z{here})"
        factors = [(f"(W{up})ᵀ", (n, n_next)), (f"δ{up}", (n_next, m)), (f"σ′(z{here})", (n, m))]
        result, operators, equals = (f"δ{here}", (n, m)), ["·", "⊙"], "="
    elif which == "BP4":
        title = f"BP4: ∂C/∂W{here} = δ{here} (a{down})ᵀ / m"
        factors = [(f"δ{here}", (n, m)), (f"(a{down})ᵀ", (m, n_prev)), ("m", ())]
        result, operators, equals = (f"∂C/∂W{here}", (n, n_prev)), ["·", "/"], "="
    elif which == "BP3":
        title = f"BP3: ∂C/∂b{here} = the mean of δ{here} over the m = {m} columns"
        factors = [(f"δ{here}", (n, m))]
        result, operators, equals = (f"∂C/∂b{here}", (n, 1)), [], "→ mean of each row →"
    else:
        raise ValueError(f"which is BP1, BP2, BP3 or BP4, not {which!r}")
    if layer is None:
        sizes = [f"n_{'L' if which == 'BP1' else 'l'} = {n}"] + (
            [f"n_(l+1) = {n_next}"] if which == "BP2" else []) + (
            [f"n_(l−1) = {n_prev}"] if which == "BP4" else [])
    else:
        sizes = [f"n{str(layer).translate(SUBSCRIPT)} = {n}"] + (
            [f"n{str(layer + 1).translate(SUBSCRIPT)} = {n_next}"] if which == "BP2" else []) + (
            [f"n{str(layer - 1).translate(SUBSCRIPT)} = {n_prev}"] if which == "BP4" else [])
    title += f"   ({', '.join(sizes + [f'm = {m}'])})"
    return shapes(title, factors, result, operators, equals=equals, yours=yours, note=note)


# Which equation each returned value of the vectorized steps follows, and what it returns.
_RETURNS = {"ex16": ["delta"], "ex17": ["delta"], "ex18": ["dW", "db"],
            "ex19": ["deltas", "grad_w", "grad_b"]}


def _value_name(step: str, name: str) -> tuple[str, int | None]:
    """("grad_w", 1) from "grad_w[1]" or from the path "[1][1]"; ("delta", None) from ""."""
    returns = _RETURNS[step]
    if name in ("", "the result"):
        return returns[0], None
    if name.startswith("["):
        head, _, rest = name[1:].partition("]")
        name = returns[int(head)] + rest if head.isdigit() and int(head) < len(returns) else name
    base, _, index = name.partition("[")
    return base, int(index.rstrip("]")) if index.rstrip("]").isdigit() else None


def _equation_for(step: str, case: dict, name: str, first: int = 2) -> tuple[str, dict] | None:
    """(which equation, bp_shapes' keyword arguments) for a returned value of a step's case;
    `first`: the number of ex19's first layer of weights (2 in Nielsen's numbering)."""
    value, index = _value_name(step, name)

    def shape(key: str) -> tuple[int, ...]:
        return tuple(getattr(case[key], "shape", ()))

    if step == "ex16":
        n, m = shape("Z")
        return "BP1", {"n": n, "m": m}
    if step == "ex17":
        (n_next, n), (_, m) = shape("W_next"), shape("delta_next")
        return "BP2", {"n": n, "m": m, "n_next": n_next}
    if step == "ex18":
        (n, m), (n_prev, _) = shape("delta"), shape("A_prev")
        return ("BP4", {"n": n, "m": m, "n_prev": n_prev}) if value == "dW" else (
            "BP3", {"n": n, "m": m})
    sizes = [shape("X")[0]] + [w.shape[0] for w in case["weights"]]
    m, count = shape("X")[1], len(case["weights"])
    if index is None or not 0 <= index < count:
        return None
    n, layer = sizes[index + 1], index + first
    if value == "deltas":
        return ("BP1", {"n": n, "m": m, "layer": layer}) if index == count - 1 else (
            "BP2", {"n": n, "m": m, "n_next": sizes[index + 2], "layer": layer})
    if value == "grad_w":
        return "BP4", {"n": n, "m": m, "n_prev": sizes[index], "layer": layer}
    return ("BP3", {"n": n, "m": m, "layer": layer}) if value == "grad_b" else None


def _shape_hint(which: str, dims: dict, expected: tuple, got: tuple) -> str:
    """What a learner's wrong shape most likely means."""
    n, m = dims["n"], dims["m"]
    gives = {"BP1": "the entrywise product gives", "BP2": "the product gives",
             "BP4": "the product gives", "BP3": "the mean over the columns gives"}[which]
    head = f"yours: {shape_text(got)}, {gives} {shape_text(expected)}"
    swapped = len(got) == 2 and got == expected[::-1]
    reason = ""
    if which == "BP3":  # the first that fits (when n = m, several do)
        reason = next((why for shape, why in [
            ((n,), "the mean lost its axis: keepdims=True keeps the column"),
            ((1, n), "a row, not a column: keepdims=True keeps the column"),
            ((n, m), "not averaged: the mean of δ over its m columns (axis=1)"),
            ((m,), "averaged over the rows (axis=0) instead of the columns (axis=1)"),
            ((1, m), "averaged over the rows (axis=0) instead of the columns (axis=1)"),
            ((n, n), f"({n},) met ({n}, 1) somewhere and broadcast to {n}×{n}"),
            ((), "everything averaged into one number: the mean runs along each row"),
        ] if got == shape), "")
    elif swapped:
        reason = {"BP1": "a transpose?",
                  "BP2": "a transpose? (Wᵀ δ, then ⊙ with σ′(z), both n_l × m)",
                  "BP4": "a transpose? δ (a_prev)ᵀ, not a_prev δᵀ"}[which]
    elif which == "BP2" and got == (dims["n_next"], m):
        reason = "that is δ of the layer above: send it back through (W_next)ᵀ"
    elif which == "BP4" and got == (n, m):
        reason = "that is δ itself: the product with (a_prev)ᵀ is missing"
    elif which == "BP4" and got in ((n, n), (dims["n_prev"], dims["n_prev"])):
        reason = "one factor used twice? δ (a_prev)ᵀ has a row per unit, a column per input"
    elif len(got) == 1 and got[0] in expected:
        reason = "a flat array: keep the 2-d shape, rows = units, columns = samples"
    return f"{head}: {reason}" if reason else head


def shape_mismatch(step: str, case: dict, name: str, expected: tuple[int, ...],
                   got: tuple[int, ...]) -> dict | None:
    """A "shapes" picture for a failing case of ex16–ex19 whose result has the wrong shape: the
    equation's blocks with the case's sizes, the expected result, and the learner's beside it,
    with a guess at the slip ("yours: 4×3, the product gives 3×4: a transpose?").

    `name`: the returned value as the verdict names it ("delta", "dW", "grad_w[1]") or its path
    ("", "[1]", "[1][0]"). None when the step or value has no such equation."""
    expected, got = tuple(int(k) for k in expected), tuple(int(k) for k in got)
    if step not in _RETURNS or expected == got:
        return None
    try:
        found = _equation_for(step, case, name)
    except (KeyError, ValueError, TypeError, IndexError, AttributeError):
        return None  # a case without the usual arguments: no picture rather than a wrong one
    if found is None:
        return None
    which, dims = found
    picture = bp_shapes(which, **dims, yours=got, note=_shape_hint(which, dims, expected, got))
    return picture if tuple(picture["result"]["shape"]) == expected else None


def step_shapes(step: str, case: dict, first: int = 2) -> list[dict]:
    """The shape diagrams of a step (ex16–ex19) for one case (its arguments by name, only the
    shapes count); for ex19 BP2 into the last hidden layer, then BP4 and BP3 at the output,
    its layers numbered from `first` (Nielsen's 2 by default: the input is layer 1)."""
    names = {"ex16": ["delta"], "ex17": ["delta"], "ex18": ["dW", "db"]}.get(step)
    if names is None:
        count = len(case["weights"])
        names = ([f"deltas[{count - 2}]"] if count > 1 else [f"deltas[{count - 1}]"]) + [
            f"grad_w[{count - 1}]", f"grad_b[{count - 1}]"]
    pictures = []
    for name in names:
        which, dims = _equation_for(step, case, name, first)
        pictures.append(bp_shapes(which, **dims))
    return pictures


def _shape_slots(picture: dict) -> list[dict]:
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
    return ([f" {op} " for op in picture["operators"]] + [f" {picture['equals']} "]
            + (["    "] if picture["yours"] is not None else []))


def _shape_scale(slots: list[dict], fixed: int) -> tuple[float, bool]:
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


def _shapes_text(picture: dict) -> str:
    slots, connectors = _shape_slots(picture), _connectors(picture)
    indent = "    "
    unit, to_scale = _shape_scale(slots, len(indent) + sum(len(c) for c in connectors))
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


COLOURS = {"factor": ("#0969da", "#ddf4ff"), "result": ("#1a7f37", "#dafbe1"),
           "yours": ("#cf222e", "#ffebe9")}


def _shapes_svg(picture: dict) -> str:
    slots, connectors = _shape_slots(picture), _connectors(picture)
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


# -- graph: a computation graph with numbers ------------------------------------------------------

E, W, N, S = 1, 2, 4, 8  # which neighbours a cell of a drawn line joins
LINE_CHARS = {E: "─", W: "─", E | W: "─", N: "│", S: "│", N | S: "│", E | S: "┌", W | S: "┐",
              E | N: "└", W | N: "┘", E | W | S: "┬", E | W | N: "┴", N | S | E: "├",
              N | S | W: "┤", E | W | N | S: "┼"}


def graph(nodes: list[tuple[str, int, int, float, float]], edges: list[tuple], *,
          title: str = "", legend: list[str] | tuple = (), wrt: str = "C") -> dict:
    """A computation graph in columns (left to right, the way values flow) and rows.

    `nodes`: (name, column, row, value, grad), grad being ∂{wrt}/∂node. `edges`: (source,
    target, share) or (source, target, share, via): `share` is what this use adds to the
    source's gradient (the local derivative times the target's gradient), so a node's grad is
    the sum of its edges' shares. An edge runs along its source's row and turns just before
    its target; with `via` it first climbs or drops to that row (a free track) right after the
    source. Drawn: the value above each arrow and the share below it; a node used more than
    once gets a line that adds its shares up. `legend`: lines written under the graph."""
    columns = {name: column for name, column, *_ in nodes}
    for source, target, *_ in edges:
        if columns[target] <= columns[source]:
            raise ValueError(f"the edge {source} → {target} must run to a later column")
    return {"kind": "graph", "title": title, "legend": list(legend), "wrt": wrt,
            "nodes": [{"name": n, "column": int(c), "row": int(r), "value": float(v),
                       "grad": float(g)} for n, c, r, v, g in nodes],
            "edges": [{"from": e[0], "to": e[1], "share": float(e[2]),
                       "via": int(e[3]) if len(e) > 3 and e[3] is not None else None}
                      for e in edges]}


def _walk(corners: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every cell from corner to corner, in order: (x, line)."""
    cells = [corners[0]]
    for x, y in corners[1:]:
        cx, cy = cells[-1]
        while (cx, cy) != (x, y):  # corners share a line or a column
            if cx != x:
                cx += 1 if x > cx else -1
            else:
                cy += 1 if y > cy else -1
            cells.append((cx, cy))
    return cells


def _graph_layout(picture: dict) -> dict:
    """Where everything goes, in character cells (x, line): the text and the SVG share it."""
    from grader.worked import show

    nodes = {n["name"]: n for n in picture["nodes"]}
    count = max(n["column"] for n in nodes.values()) + 1
    widths = [max([len(n["name"]) for n in nodes.values() if n["column"] == c], default=1) + 2
              for c in range(count)]
    gap = max(7, min(12, (WIDTH - 2 - sum(widths)) // max(count - 1, 1)))  # ≤ 80 wide
    left = [2 + sum(widths[:c]) + c * gap for c in range(count)]

    def line(row: int) -> int:
        return 3 * row + 1  # a row is three lines: the values above, the lines, the grads below

    routes = []
    for edge in picture["edges"]:
        a, b = nodes[edge["from"]], nodes[edge["to"]]
        source, target = line(a["row"]), line(b["row"])
        track = source if edge["via"] is None else line(edge["via"])
        corners = [(left[a["column"]] + len(a["name"]) + 2, source)]
        if track != source:  # to the track just after the source
            lane = left[a["column"]] + widths[a["column"]] + 1
            corners += [(lane, source), (lane, track)]
        if track != target:  # off the track just before the target
            corners += [(left[b["column"]] - 3, track), (left[b["column"]] - 3, target)]
        corners.append((left[b["column"]] - 1, target))
        routes.append(_walk(corners))
    joins: dict[tuple[int, int], int] = {}
    for route in routes:
        for (x1, y1), (x2, y2) in zip(route, route[1:], strict=False):
            step = (E, W) if x2 > x1 else (W, E) if x2 < x1 else (S, N) if y2 > y1 else (N, S)
            joins[x1, y1] = joins.get((x1, y1), 0) | step[0]
            joins[x2, y2] = joins.get((x2, y2), 0) | step[1]
    arrows = {route[-1] for route in routes}
    owners: dict[tuple[int, int], set[int]] = {}
    for index, route in enumerate(routes):
        for cell in route:
            owners.setdefault(cell, set()).add(index)
    drawn = set(joins)  # no number covers a line, a node, or sits just above or below a node
    near = set()
    for n in nodes.values():
        x, y = left[n["column"]] + 1, line(n["row"])
        drawn |= {(x + k, y) for k in range(len(n["name"]))}
        near |= {(x + k, y + d) for k in range(-1, len(n["name"]) + 1) for d in (-1, 1)}
    written: set[tuple[int, int]] = set()

    def runs(wanted: set[int]) -> list[tuple[int, int, int]]:
        """Straight stretches drawn for exactly the edges `wanted`: (line, first x, last x)."""
        cells = sorted((y, x) for (x, y), who in owners.items() if who == wanted
                       and joins[x, y] in (E, W, E | W) and (x, y) not in arrows)
        found: list[tuple[int, int, int]] = []
        for y, x in cells:
            if found and found[-1][0] == y and found[-1][2] == x - 1:
                found[-1] = (y, found[-1][1], x)
            else:
                found.append((y, x, x))
        return sorted(found, key=lambda r: r[1] - r[2])

    labels: list[tuple[int, int, str, str]] = []

    def place(number: float, run: tuple[int, int, int], offset: int, role: str,
              own: bool = False) -> None:
        """`number` over (offset −1) or under (+1) the stretch `run`, touching it, to 3
        significant digits or where that does not fit 2; else it is left out."""
        y, first, last = run
        y += offset
        short = show(number, 2)  # a fallback that still has 2 digits: 0.061, not 3 for 2.98
        texts = [show(number, 3)] + ([short] if len(short.lstrip("−0.")) > 1 else [])
        for text in dict.fromkeys(texts):
            middle = (first + last + 1) // 2 - len(text) // 2
            for shift in sorted(range(-len(text) - 3, len(text) + 4), key=abs):
                x = max(0, middle + shift)
                cells = [(x + k, y) for k in range(len(text))]
                if (x <= last and x + len(text) > first and not drawn.intersection(cells)
                        and (own or not near.intersection(cells)) and not written.intersection(
                            (x + k, y) for k in range(-1, len(text) + 1))):
                    written.update(cells)
                    labels.append((x, y, text, role))
                    return

    for name, n in nodes.items():
        outs = [i for i, e in enumerate(picture["edges"]) if e["from"] == name]
        value, grad = n["value"], n["grad"]
        if not outs:
            own = (line(n["row"]), left[n["column"]] + 1, left[n["column"]] + len(name))
            place(value, own, -1, "value", own=True)
            place(grad, own, 1, "grad", own=True)
            continue
        lonely = []
        for index in outs:
            own = runs({index})
            if own:
                place(value, own[0], -1, "value")
                place(picture["edges"][index]["share"], own[0], 1, "grad")
            else:
                lonely.append(index)
        trunk = runs(set(outs)) if lonely else []
        if trunk:
            place(value, trunk[0], -1, "value")
            place(grad, trunk[0], 1, "grad")
    splits = set()  # where a value used twice splits: its gradients add up there
    for name in nodes:
        mine = [routes[i] for i, e in enumerate(picture["edges"]) if e["from"] == name]
        for one in mine:
            for other in mine:
                same = 0
                while same < min(len(one), len(other)) and one[same] == other[same]:
                    same += 1
                if 0 < same < min(len(one), len(other)):
                    splits.add(one[same - 1])
    lines = 3 * (max([n["row"] for n in nodes.values()]
                     + [e["via"] for e in picture["edges"] if e["via"] is not None]) + 1)
    width = max([x for x, _ in drawn] + [x + len(t) for x, _, t, _ in labels]) + 1
    return {"nodes": [(left[n["column"]] + 1, line(n["row"]), name) for name, n in nodes.items()],
            "joins": joins, "arrows": arrows, "routes": routes, "labels": labels,
            "splits": sorted(splits), "lines": lines, "width": width}


def _graph_sums(picture: dict) -> list[str]:
    """One line per node used more than once: its gradient is the sum of its uses' shares."""
    from grader.worked import factor, show

    lines = []
    for n in picture["nodes"]:
        uses = [e for e in picture["edges"] if e["from"] == n["name"]]
        if len(uses) > 1:
            terms = " + ".join(f"{factor(e['share'], 4)} via {e['to']}" for e in uses)
            lines.append(f"{n['name']} ({len(uses)} uses): ∂{picture['wrt']}/∂{n['name']} = "
                         f"{terms} = {show(n['grad'], 4)}")
    return ["where a value is used more than once, the gradients of its uses add up:",
            *lines] if lines else []


def _graph_key(picture: dict) -> str:
    return "above each arrow: the value it carries; below: the gradient it carries back"


def _graph_text(picture: dict) -> str:
    layout = _graph_layout(picture)
    canvas = [[" "] * layout["width"] for _ in range(layout["lines"])]
    for (x, y), bits in layout["joins"].items():
        canvas[y][x] = "▶" if (x, y) in layout["arrows"] else LINE_CHARS[bits]
    for x, y, name in layout["nodes"]:
        canvas[y][x:x + len(name)] = list(name)
    for x, y, text_, _ in layout["labels"]:
        canvas[y][x:x + len(text_)] = list(text_)
    drawn = ["".join(row).rstrip() for row in canvas]
    indent = "  "
    head = [f"{indent}{picture['title']}", ""] if picture["title"] else []
    notes = [*picture["legend"], _graph_key(picture), *_graph_sums(picture)]
    wrapped = [w for note in notes for w in textwrap.wrap(
        note, WIDTH, initial_indent=indent + "  " * (" uses): " in note),
        subsequent_indent=indent + "    ")]
    return "\n".join([*head, *drawn, "", *wrapped])


def _graph_svg(picture: dict, char: float = 7.4, height: float = 15.0) -> str:
    layout = _graph_layout(picture)
    top = 30.0 if picture["title"] else 8.0
    esc = html.escape

    def at(x: float, y: float) -> tuple[float, float]:
        return 8 + x * char + char / 2, top + y * height + height / 2

    parts = []
    for route in layout["routes"]:
        corners = [route[0]] + [c for p, c, q in zip(route, route[1:], route[2:], strict=False)
                                if (p[0] == c[0]) != (c[0] == q[0])] + [route[-1]]
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in (at(x, y) for x, y in corners))
        parts.append(f'<polyline points="{points}" fill="none" stroke="#57606a" '
                     'stroke-width="1.3"/>')
        ex, ey = at(*route[-1])
        parts.append(f'<path d="M{ex - 5:.1f} {ey - 4:.1f}L{ex + 3:.1f} {ey:.1f}L{ex - 5:.1f} '
                     f'{ey + 4:.1f}z" fill="#57606a"/>')
    for x, y in layout["splits"]:
        cx, cy = at(x, y)
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="#fbefff" '
                     f'stroke="#8250df"/><text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="11" '
                     'text-anchor="middle" fill="#8250df">+</text>')
    for x, y, name in layout["nodes"]:
        cx, cy = at(x, y)
        parts.append(f'<rect x="{cx - char / 2 - 3:.1f}" y="{cy - 9:.1f}" '
                     f'width="{len(name) * char + 6:.1f}" height="18" rx="4" fill="#f6f8fa" '
                     f'stroke="#1f2328"/><text x="{cx - char / 2:.1f}" y="{cy + 4:.1f}" '
                     f'font-size="12" font-weight="bold">{esc(name)}</text>')
    colours = {"value": "#1f2328", "grad": "#cf222e"}
    for x, y, label, role in layout["labels"]:
        cx, cy = at(x, y)
        parts.append(f'<text x="{cx - char / 2:.1f}" y="{cy + 4:.1f}" font-size="12" '
                     f'fill="{colours[role]}">{esc(label)}</text>')
    bottom = top + layout["lines"] * height + 8
    sums = _graph_sums(picture)
    notes = [*picture["legend"], _graph_key(picture), *sums]
    for note in notes:
        bottom += 15
        colour = "#8250df" if note in sums else "#57606a"
        spaced = esc(note).replace("  ", "\u00a0\u00a0")  # SVG would fold the spaces
        parts.append(f'<text x="8" y="{bottom:.1f}" font-size="11" fill="{colour}">'
                     f"{spaced}</text>")
    width = max(16 + layout["width"] * char, 8 + max(len(n) for n in notes) * 6.6)
    title = (f'<text x="8" y="18" font-size="13" font-family="sans-serif">'
             f'{esc(picture["title"])}</text>' if picture["title"] else "")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
            f'height="{bottom + 8:.0f}" role="img" aria-label="computation graph" '
            f'font-family="monospace">{title}{"".join(parts)}</svg>')


# -- saturation: where the batch's z sit on σ and σ′, and the gradient per layer ----------------

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
    import numpy as np

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


def _saturation_lines(picture: dict) -> list[str]:
    """One line per layer: how many of its z sit on the flat tails."""
    from grader.worked import show

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


def _saturation_text(picture: dict, width: int = 57) -> str:
    from grader.worked import show

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
    lines += [f"  {line}" for line in _saturation_lines(picture)]
    lengths, log = _bar_lengths(picture["grad_norms"], 40)
    lines += ["", "  gradient norm per layer" + (" (log scale)" if log else "") + ":"]
    for layer, norm, length in zip(picture["layers"], picture["grad_norms"], lengths,
                                   strict=True):
        lines.append(f"    layer {layer['layer']:<3} {'█' * length:<40}  {show(norm, 3)}")
    return "\n".join(lines)


def _saturation_svg(picture: dict) -> str:
    from grader.worked import show

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
    for index, line in enumerate(_saturation_lines(picture)):
        y += 15
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<text x="4" y="{y}" font-size="11" fill="{colour}">{esc(line)}</text>')
    lengths, log = _bar_lengths(picture["grad_norms"], 40)
    y += 20
    parts.append(f'<text x="4" y="{y}" font-size="11">gradient norm per layer'
                 f'{" (log scale)" if log else ""}</text>')
    for index, (layer, norm, length) in enumerate(zip(picture["layers"], picture["grad_norms"],
                                                      lengths, strict=True)):
        y += 16
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<text x="4" y="{y}" font-size="11">layer {layer["layer"]}</text>'
                     f'<rect x="{left + 8}" y="{y - 10}" width="{length * 7}" height="11" '
                     f'fill="{colour}"/><text x="{left + 16 + length * 7}" y="{y}" '
                     f'font-size="11">{esc(show(norm, 3))}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + plot + 150}" '
            f'height="{y + 8}" role="img" aria-label="saturation" font-family="sans-serif">'
            f'{"".join(parts)}</svg>')


# -- stack: pictures one under the other ----------------------------------------------------------

def stack(*pictures: dict | None) -> dict | None:
    """The pictures given (None ones left out) one under the other; one picture is itself, none
    is None. E.g. a shape mismatch in ex19 and the network with its wrong layer marked."""
    kept = [p for p in pictures if p is not None]
    if len(kept) < 2:
        return kept[0] if kept else None
    return {"kind": "stack", "pictures": kept}


def _stack_text(picture: dict) -> str:
    return "\n\n".join(text(p) for p in picture["pictures"])


def _stack_svg(picture: dict) -> str:
    parts, y, width = [], 0.0, 0.0
    for drawn in (svg(p) for p in picture["pictures"]):
        size = re.match(r'<svg [^>]*?width="([\d.]+)" height="([\d.]+)"', drawn)
        w, h = (float(size[1]), float(size[2])) if size else (400.0, 200.0)
        parts.append(drawn.replace("<svg ", f'<svg y="{y:.0f}" ', 1))
        y, width = y + h + 8, max(width, w)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{y:.0f}" '
            f'role="img" aria-label="pictures">{"".join(parts)}</svg>')
