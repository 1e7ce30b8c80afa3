"""`learn explain ex04`: a fresh chain rule for one weight, computed by the reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import before_after, draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    while True:  # an output already on target would make every gradient 0
        w, x, y = (draw(rng, -2, 2, avoid=(0.0,)) for _ in range(3))
        if abs(neuron.forward(w, x) - y) >= 0.1:
            break
    a = neuron.forward(w, x)
    C = neuron.cost(a, y)
    dC_da = neuron.cost_derivative(a, y)
    dC_dw = neuron.weight_gradient(w, x, y)
    nudge = 0.001
    C_nudged = neuron.cost(neuron.forward(w + nudge, x), y)
    way = "shrink w" if dC_dw > 0 else "grow w"
    was, now, change = before_after(C, C_nudged)
    return "\n".join([
        "w reaches the cost only through a:   w ──▶ a = w · x ──▶ C = (a − y)²",
        "Chain rule:  dC/dw = dC/da · da/dw",
        "",
        f"Take w = {num(w)}, x = {num(x)}, y = {num(y)}.",
        "Forward:",
        f"  a = w · x = {num(w)} · {term(x)} = {num(a)}",
        f"  C = (a − y)² = ({num(a)} − {term(y)})² = {num(C)}",
        "Backward, one factor at a time:",
        f"  dC/da = 2(a − y) = 2 · {term(a - y)} = {num(dC_da)}",
        f"  da/dw = x = {num(x)}   (a grows by x when w grows by 1)",
        f"  dC/dw = {num(dC_da)} · {term(x)} = {num(dC_dw)}",
        f"So weight_gradient({w:g}, {x:g}, {y:g}) returns {float(dC_dw):.4g}.",
        "",
        f"Check with a nudge: w = {num(w + nudge)} gives C = {now} (was {was}),",
        f"  a change of {change} for a nudge of 0.001:"
        f" slope about {num((C_nudged - C) / nudge)}.",
        f"The gradient is {'positive' if dC_dw > 0 else 'negative'}: to lower the cost, {way}.",
    ])
