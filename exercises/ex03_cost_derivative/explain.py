"""`learn explain ex03`: a fresh derivative of the cost, computed by the reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import before_after, draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    y = draw(rng, -2, 2, avoid=(0.0,))
    a = round(y + float(rng.choice([-1, 1])) * draw(rng, 0.2, 1.5), 1)
    C = neuron.cost(a, y)
    slope = neuron.cost_derivative(a, y)
    nudge = 0.01
    C_nudged = neuron.cost(a + nudge, y)
    verdict = "positive: a is too high" if slope > 0 else "negative: a is too low"
    was, now, change = before_after(C, C_nudged)
    return "\n".join([
        "The slope of the cost C = (a − y)² as a changes:  dC/da = 2(a − y)",
        "",
        f"The neuron said a = {num(a)}; the target is y = {num(y)}.",
        f"  gap    a − y = {num(a)} − {term(y)} = {num(a - y)}",
        f"  dC/da = 2 · {term(a - y)} = {num(slope)}",
        f"So cost_derivative({a:g}, {y:g}) returns {float(slope):.4g}.",
        f"It is {verdict} (a = {num(a)} against y = {num(y)}).",
        "",
        "The 2 multiplies the whole gap: 2a − 2y, not 2a − y.",
        f"  2a − 2y = {num(2 * a)} − {term(2 * y)} = {num(slope)}",
        f"  2a − y  = {num(2 * a)} − {term(y)} = {num(2 * a - y)}   (wrong)",
        "",
        f"Check with a nudge: move a from {num(a)} to {num(a + nudge)}.",
        f"  C goes from {was} to {now}, a change of {change}",
        f"  divided by the nudge 0.01: {num((C_nudged - C) / nudge)}, close to {num(slope)}",
    ])
