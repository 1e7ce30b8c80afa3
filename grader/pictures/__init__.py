"""Pictures a learner would rather look at than read, each in two forms: Unicode text for the
terminal and inline SVG for a notebook. A picture is plain data (a dict with a "kind", on the
failing case, stored with the attempt); `text` and `svg` draw it. One module per kind, each
with the function that makes its dict, and its `text` and `svg`:

- curves.py: a quantity per training step, the learner's beside the reference's (ex06, ex07,
  ex29, q02).
- digits.py: test images the learner's network got wrong (the capstone), with both labels.
- layers.py: the network as layers, the first wrong one (from the output backwards) marked.
- shapes.py: a matrix equation as blocks drawn to scale; a step draws its own equations
  (exercises/ex16_output_error/shapes.py and on), the grader only the blocks.
- graph.py: a computation graph with numbers, values above the arrows and gradients below.
- saturation.py: σ and σ′ with a batch's z values on them, and the gradient norm per layer.
- "stack" (here): several of these, one under the other (a failing case may need two).

What they share: terminal.py (a text picture's width and shades) and numbers.py (a number as
the course writes it, with a real minus sign; the worked examples write theirs with it too).

A step's own picture lives in its exercise folder (`picture = "picture.py:picture"`, and
`shape_picture` for a result of the wrong shape) and is made with these functions.
"""

from __future__ import annotations

import re
from types import ModuleType

from grader.pictures import curves, digits, graph, layers, saturation, shapes

KINDS: dict[str, ModuleType] = {"curves": curves, "digits": digits, "layers": layers,
                                "shapes": shapes, "graph": graph, "saturation": saturation}


def text(picture: dict) -> str:
    """The picture as Unicode text, at most 80 columns wide."""
    if picture["kind"] == "stack":
        return "\n\n".join(text(p) for p in picture["pictures"])
    return KINDS[picture["kind"]].text(picture)


def svg(picture: dict) -> str:
    """The picture as an inline <svg> element."""
    if picture["kind"] == "stack":
        return _stack_svg(picture)
    return KINDS[picture["kind"]].svg(picture)


def stack(*pictures: dict | None) -> dict | None:
    """The pictures given (None ones left out) one under the other; one picture is itself, none
    is None. E.g. a shape mismatch in ex19 and the network with its wrong layer marked."""
    kept = [p for p in pictures if p is not None]
    if len(kept) < 2:
        return kept[0] if kept else None
    return {"kind": "stack", "pictures": kept}


def _stack_svg(picture: dict) -> str:
    parts, y, width = [], 0.0, 0.0
    for drawn in (svg(p) for p in picture["pictures"]):
        size = re.match(r'<svg [^>]*?width="([\d.]+)" height="([\d.]+)"', drawn)
        w, h = (float(size[1]), float(size[2])) if size else (400.0, 200.0)
        parts.append(drawn.replace("<svg ", f'<svg y="{y:.0f}" ', 1))
        y, width = y + h + 8, max(width, w)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{y:.0f}" '
            f'role="img" aria-label="pictures">{"".join(parts)}</svg>')
