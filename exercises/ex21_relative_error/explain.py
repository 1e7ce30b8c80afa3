"""`learn explain ex21`: a fresh relative error worked by hand, every result computed by the
reference engine (reference.layers)."""

from functools import partial

import numpy as np

from grader.course.worked import listed, nonzero, show
from reference import layers

num = partial(show, digits=4, fixed=True)  # 4 decimals


def squares(v, decimals: int = 2) -> str:
    return " + ".join(f"{num(abs(x), digits=decimals)}²" for x in v)


def explain(rng: np.random.Generator) -> str:
    a = nonzero(rng, -1.0, 1.0, 3, 2, below=0.1, instead=0.25)
    b = a.copy()
    b[int(rng.integers(3))] += float(rng.choice([-1, 1])) * round(float(rng.uniform(0.01, 0.05)), 2)
    na, nb, nd = np.linalg.norm(a), np.linalg.norm(b), np.linalg.norm(a - b)
    rel = layers.relative_error(a, b)
    tiny = layers.relative_error(a * 1e-6, b * 1e-6)
    bug = layers.relative_error(a, 2 * a)
    return "\n".join([
        "relative error = ‖a − b‖ / max(‖a‖, ‖b‖),  ‖v‖ = √(sum of the squares of all entries)",
        "",
        f"a = {listed(a, 2, fixed=True)}",
        f"b = {listed(b, 2, fixed=True)}",
        f"a − b = {listed(a - b, 2, fixed=True)}",
        "",
        f"‖a − b‖ = √({squares(a - b)}) = {num(nd)}",
        f"‖a‖     = √({squares(a)}) = {num(na)}",
        f"‖b‖     = √({squares(b)}) = {num(nb)}",
        f"max(‖a‖, ‖b‖) = {num(max(na, nb))}",
        f"relative error = {num(nd)} / {num(max(na, nb))} = {num(rel, digits=6)}",
        f"So relative_error(a, b) returns {rel:.6g}.",
        "If a were backprop's gradient and b its estimate, that would be a bug (far above 1e-7).",
        "",
        "Scale does not matter. Multiply both by 1e-6 (gradients can be that small):",
        "  every difference is now below 1e-7, yet the relative error is still "
        f"{num(tiny, digits=6)}.",
        f"A factor-2 bug, b = 2a: ‖a − 2a‖ / ‖2a‖ = ‖a‖ / 2‖a‖ = {num(bug, digits=2)}, at every "
        "scale.",
        "Both all zeros: they are equal, so the answer is 0.0 (check before dividing: 0 / 0",
        "is NaN).",
        "",
        "A right backprop against its estimate by nudges (ex22) gives about 1e-10;",
        f"one entry off by {num(nd, digits=2)} gave {show(rel, 2)} here. From 1e-3 up, look for a "
        "bug.",
    ])
