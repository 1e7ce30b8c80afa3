"""`learn explain ex01`: a fresh forward pass, every number computed by the reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    w, x = draw(rng, -2, 2, avoid=(0.0,)), draw(rng, 0.5, 3)
    a = neuron.forward(w, x)
    other_x = draw(rng, -3, -0.5)
    other_a = neuron.forward(w, other_x)
    ws = np.array([w, draw(rng, -2, 2, avoid=(0.0,))])
    xs = np.array([x, other_x])
    products = neuron.forward(ws, xs)
    return "\n".join([
        "One neuron, one weight w, no bias, no activation:  a = w · x",
        "",
        f"Take the weight w = {num(w)} and the input x = {num(x)}.",
        f"  a = w · x = {num(w)} · {term(x)} = {num(a)}",
        f"So forward({w:g}, {x:g}) returns {float(a):.4g}.",
        "",
        f"The same weight with the input x = {num(other_x)}:",
        f"  a = {num(w)} · {term(other_x)} = {num(other_a)}",
        "A negative input flips the sign of the output; the size of the weight scales it.",
        "",
        "With numpy arrays, w * x multiplies entry by entry:",
        f"  w = {num(ws[0])}, {num(ws[1])}   x = {num(xs[0])}, {num(xs[1])}",
        f"  a = {num(ws[0])} · {term(xs[0])}, {num(ws[1])} · {term(xs[1])}"
        f" = {num(products[0])}, {num(products[1])}",
    ])
