"""`learn explain ex07`: the learning-rate limits for a fresh input, computed by the
reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def errors(w: float, x: float, y: float, learning_rate: float, steps: int) -> list:
    found = []
    for _ in range(steps):
        found.append(neuron.forward(w, x) - y)
        w = neuron.update(w, x, y, learning_rate)
    return found


def explain(rng: np.random.Generator) -> str:
    while True:  # a start already on target would leave nothing to learn
        x = float(rng.choice([-1, 1])) * draw(rng, 0.5, 2)
        w, y = draw(rng, -2, 2, avoid=(0.0,)), draw(rng, -2, 2, avoid=(0.0,))
        if abs(neuron.forward(w, x) - y) >= 0.1:
            break
    one_step, divergence = neuron.learning_rate_limits(x)
    steep = neuron.cost_curvature() * x * x  # 2x²
    lines = [
        "One update multiplies the error e = w · x − y by the factor 1 − 2ηx².",
        "",
        f"Take x = {num(x)}: x² = {num(x * x)}, 2x² = {num(steep)}, so the factor is"
        f" 1 − {num(steep)}η.",
        f"  factor 0  (one step):  η = 1/(2x²) = 1/{num(steep)} = {num(one_step)}",
        f"  factor −1 (diverges):  η = 1/x² = 1/{num(x * x)} = {num(divergence)}",
        f"So learning_rate_limits({x:g}) returns ({float(one_step):.4g}, {float(divergence):.4g}).",
        "",
        f"See it happen, from w = {num(w)} with y = {num(y)} (errors e for 4 steps):",
    ]
    rates = [
        (round(float(one_step) / 2, 3), "shrinks"),
        (float(one_step), "one step"),
        (round(float(one_step + divergence) / 2, 3), "zig-zags in"),
        (round(float(divergence) * 1.2, 3), "diverges"),
    ]
    for rate, what in rates:
        factor = neuron.error_factor(x, rate)
        factor = 0.0 if abs(factor) < 1e-12 else factor  # round-off at the one-step rate
        shown = ", ".join(num(0 if abs(e) < 1e-12 else e) for e in errors(w, x, y, rate, 4))
        lines.append(f"  η = {num(rate)}: factor {num(factor)}, e = {shown}  {what}")
    return "\n".join(lines)
