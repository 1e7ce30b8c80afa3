"""`learn explain ex06`: a fresh training run, every number computed by the reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    while True:  # a start already on target would leave nothing to learn
        x = float(rng.choice([-1, 1])) * draw(rng, 0.5, 1.5)
        w, y = draw(rng, -2, 2, avoid=(0.0,)), draw(rng, -2, 2, avoid=(0.0,))
        if abs(neuron.forward(w, x) - y) >= 0.1:
            break
    learning_rate = float(rng.choice([0.05, 0.1, 0.15, 0.2]))
    steps = 6
    w_final, costs = neuron.train(w, x, y, learning_rate, steps)
    lines = [
        "Training repeats the ex05 update: forward pass, note the cost, gradient, step.",
        "",
        f"Take x = {num(x)}, y = {num(y)}, start at w = {num(w)},"
        f" learning rate {num(learning_rate)}.",
    ]
    current = w
    for k in range(3):
        a = neuron.forward(current, x)
        dC_dw = neuron.weight_gradient(current, x, y)
        new = neuron.update(current, x, y, learning_rate)
        lines += [
            f"Step {k}: w = {num(current)}",
            f"  a = {num(current)} · {term(x)} = {num(a)}, "
            f"costs[{k}] = ({num(a)} − {term(y)})² = {num(costs[k])}",
            f"  dC/dw = x · 2(a − y) = {num(x)} · 2 · {term(a - y)} = {num(dC_dw)}",
            f"  new w = {num(current)} − {num(learning_rate)} · {term(dC_dw)} = {num(new)}",
        ]
        current = new
    shown = ", ".join(f"{float(c):.4g}" for c in costs)
    ratios = [float(later / earlier) for earlier, later in zip(costs, costs[1:], strict=False)]
    lines += [
        f"… and {steps - 3} more steps the same way. train({w:g}, {x:g}, {y:g}, {learning_rate:g}, "
        f"{steps}) returns",
        f"  w_final = {float(w_final):.4g}",
        f"  costs   = [{shown}]",
        "",
        f"Each cost is {num(ratios[0])} times the one before (ex07 explains this factor).",
        f"The weight heads for y/x = {num(y)} / {term(x)} = {num(y / x)}, where a = y and C = 0.",
    ]
    return "\n".join(lines)
