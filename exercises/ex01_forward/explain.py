"""`learn explain ex01`: a fresh forward pass, every number computed by the reference engine."""

import numpy as np

from reference import neuron


def num(value) -> str:
    text = f"{float(value):.4g}"
    return "0" if text == "-0" else text.replace("-", "−")


def term(value) -> str:
    """A number inside a formula: negatives in brackets."""
    text = num(value)
    return f"({text})" if text.startswith("−") else text


def draw(rng: np.random.Generator, low: float, high: float) -> float:
    while True:
        value = round(float(rng.uniform(low, high)), 1)
        if value != 0:
            return value


def explain(rng: np.random.Generator) -> str:
    w, x = draw(rng, -2, 2), draw(rng, 0.5, 3)
    a = neuron.forward(w, x)
    other_x = draw(rng, -3, -0.5)
    other_a = neuron.forward(w, other_x)
    ws = np.array([w, draw(rng, -2, 2)])
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
