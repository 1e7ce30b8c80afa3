"""`learn explain ex02`: a fresh cost, every number computed by the reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    y = draw(rng, -2, 2, avoid=(0.0,))
    gap_size = draw(rng, 0.2, 1.5)
    a = round(y + float(rng.choice([-1, 1])) * gap_size, 1)
    C = neuron.cost(a, y)
    mirror = round(2 * y - a, 1)  # as far from y as a, on the other side
    far = round(y + 2 * (a - y), 1)  # twice as far as a, same side
    return "\n".join([
        "The cost of one answer:  C = (a − y)²   (no ½ in this course)",
        "",
        f"The neuron said a = {num(a)}; the target is y = {num(y)}.",
        f"  gap    a − y = {num(a)} − {term(y)} = {num(a - y)}",
        f"  square C = ({num(a - y)})² = {num(C)}",
        f"So cost({a:g}, {y:g}) returns {float(C):.4g}.",
        "",
        f"The other side of the target, a = {num(mirror)}:",
        f"  gap {num(mirror)} − {term(y)} = {num(mirror - y)},"
        f"  C = ({num(mirror - y)})² = {num(neuron.cost(mirror, y))}   (the same cost)",
        f"Twice as far off, a = {num(far)}:",
        f"  gap {num(far)} − {term(y)} = {num(far - y)},"
        f"  C = ({num(far - y)})² = {num(neuron.cost(far, y))}   (four times the cost)",
        f"Spot on, a = {num(y)}:  C = 0.",
    ])
