"""The network as layers, input to output, the first wrong one (counting from the output
backwards) marked: the steps that return one value per layer (ex19)."""

from __future__ import annotations


def layers(count: int, wrong: int) -> dict:
    """`count` layers after the input; `wrong`: the index of the first wrong one (0: the first
    layer after the input), the ones after it right, the ones before it not checked."""
    return {"kind": "layers", "count": count, "wrong": wrong}


def text(picture: dict) -> str:
    """[input] → [layer 2 ?] → [layer 3 ✗] → [layer 4 ✓], and what the marks mean."""
    boxes = ["input"] + [f"layer {n + 2}" for n in range(picture["count"])]
    marks = [""] + ["✗" if n == picture["wrong"] else "✓" if n > picture["wrong"] else "?"
                    for n in range(picture["count"])]
    drawn = " → ".join(f"[{box}{(' ' + mark) if mark else ''}]"
                       for box, mark in zip(boxes, marks, strict=True))
    return (f"    {drawn}\n    ✓ right   ✗ the first wrong layer, from the output   "
            "? not checked (the error is passed back through ✗)")


def svg(picture: dict) -> str:
    """The layers as boxes, coloured: green right, red the first wrong one, grey not checked."""
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
