"""`learn explain ex09`: a fresh neuron with a bias, every number computed by the reference
engine."""

from functools import partial

import numpy as np

from grader.course.worked import draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    while True:  # an output already on target would make every gradient 0
        w, b, x, y = (draw(rng, -2, 2, avoid=(0.0,)) for _ in range(4))
        if abs(neuron.bias_forward(w, b, x) - y) >= 0.1:
            break
    t = neuron.neuron_trace(w, b, x, y, "identity")
    wx = neuron.forward(w, x)
    nudge = 0.001
    up_w = neuron.neuron_trace(w + nudge, b, x, y).C - t.C
    up_b = neuron.neuron_trace(w, b + nudge, x, y).C - t.C
    return "\n".join([
        "a = w · x + b,  C = (a − y)²: two knobs, one shared error.",
        "",
        f"Take x = {num(x)}, y = {num(y)}, w = {num(w)}, b = {num(b)}.",
        "Forward:",
        f"  a = w · x + b = {num(w)} · {term(x)} + {term(b)} = {num(wx)} + {term(b)} = {num(t.a)}",
        f"  C = (a − y)² = ({num(t.a)} − {term(y)})² = {num(t.C)}",
        "Backward:",
        f"  dC/da = 2(a − y) = 2 · {term(t.a - y)} = {num(t.dC_da)}   (the error, shared)",
        f"  da/dw = x = {num(t.dz_dw)},  so dC/dw = {num(t.dC_da)} · {term(t.dz_dw)}"
        f" = {num(t.dC_dw)}",
        f"  da/db = 1,  so dC/db = {num(t.dC_da)} · 1 = {num(t.dC_db)}",
        f"So bias_gradients({w:g}, {b:g}, {x:g}, {y:g}) returns"
        f" ({float(t.dC_dw):.4g}, {float(t.dC_db):.4g}).",
        "",
        "Check with nudges of 0.001:",
        f"  w → {num(w + nudge)}: C changes by {num(up_w)}, slope about {num(up_w / nudge)}",
        f"  b → {num(b + nudge)}: C changes by {num(up_b)}, slope about {num(up_b / nudge)}",
    ])
