"""`learn explain ex11`: a fresh sigmoid neuron, every number computed by the reference
engine."""

from functools import partial

import numpy as np

from grader.course.worked import draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    while True:  # an output already on target would make every gradient 0
        w, b, x = (draw(rng, -2, 2, avoid=(0.0,)) for _ in range(3))
        y = draw(rng, 0.1, 0.9)
        if abs(neuron.neuron_trace(w, b, x, y, "sigmoid").a - y) >= 0.05:
            break
    t = neuron.neuron_trace(w, b, x, y, "sigmoid")
    wx = neuron.forward(w, x)
    nudge = 0.001
    up_w = neuron.neuron_trace(w + nudge, b, x, y, "sigmoid").C - t.C
    return "\n".join([
        "z = w · x + b,  a = σ(z),  C = (a − y)²",
        "",
        f"Take x = {num(x)}, y = {num(y)}, w = {num(w)}, b = {num(b)}.",
        "Forward:",
        f"  z = {num(w)} · {term(x)} + {term(b)} = {num(wx)} + {term(b)} = {num(t.z)}",
        f"  a = σ({num(t.z)}) = 1 / (1 + e^({num(-t.z)})) = {num(t.a)}",
        f"  C = ({num(t.a)} − {num(y)})² = {num(t.C)}",
        "Backward, one factor per arrow:",
        f"  dC/da = 2(a − y) = 2 · {term(t.a - y)} = {num(t.dC_da)}",
        f"  da/dz = a(1 − a) = {num(t.a)} · {num(1 - t.a)} = {num(t.da_dz)}   (σ′(z))",
        f"  dC/dz = {num(t.dC_da)} · {num(t.da_dz)} = {num(t.dC_dz)}   (the neuron's error)",
        f"  dC/dw = dC/dz · x = {num(t.dC_dz)} · {term(t.dz_dw)} = {num(t.dC_dw)}",
        f"  dC/db = dC/dz · 1 = {num(t.dC_db)}",
        f"So sigmoid_neuron_gradients({w:g}, {b:g}, {x:g}, {y:g}) returns"
        f" ({float(t.dC_dw):.4g}, {float(t.dC_db):.4g}).",
        "",
        f"Check with a nudge: w → {num(w + nudge)} changes C by {num(up_w)},",
        f"  a slope of about {num(up_w)} / 0.001 = {num(up_w / nudge)}.",
        f"Without the factor σ′(z) = {num(t.da_dz)}, dC/dw would be"
        f" {num(t.dC_da)} · {term(x)} = {num(t.dC_da * t.dz_dw)}.",
    ])
