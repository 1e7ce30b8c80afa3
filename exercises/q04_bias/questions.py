"""q04 · The bias: a = w·x + b, C = (a − y)².

Every number shown is drawn from rng; right answers come from reference.neuron (forward, cost,
bias_forward, bias_gradients, neuron_trace); the slips are the same values put through the wrong
formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, linear, show
from grader.grading.quiz import Choice, Option, numeric
from reference import neuron


def _best_cost_without_bias(xs, ys) -> float:
    """The smallest total cost a = w·x can reach on these points (least squares for w)."""
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    w = float(xs @ ys / (xs @ xs))
    return float(np.sum(neuron.cost(neuron.forward(w, xs), ys)))


def _points(xs, ys) -> str:
    return ", ".join(f"({show(x)}, {show(y)})" for x, y in zip(xs, ys, strict=True))


def which_data_need_a_bias(rng):
    k = draw(rng, 0.5, 2.5, avoid=(1.0,))
    b = draw(rng, 0.3, 1.5) * (1 if rng.random() < 0.5 else -1)
    x1, x2 = draw(rng, 0.5, 1.5), draw(rng, 2.0, 3.0)
    y0 = draw(rng, 0.2, 1.5)
    xs_single, y_single = draw(rng, 0.5, 2.5), draw(rng, 0.2, 1.5)
    sets = [  # (description, xs, ys)
        ("on the line y = " + linear(k, 0, "x"), [x1, x2], [k * x1, k * x2]),
        ("on the line y = " + linear(k, b, "x"), [x1, x2], [k * x1 + b, k * x2 + b]),
        ("one of them at x = 0", [0.0, x2], [y0, k * x2]),
        ("a single point", [xs_single], [y_single]),
    ]
    options = []
    for description, xs, ys in sets:
        ys = [round(y, 4) for y in ys]
        text = f"{_points(xs, ys)} ({description})"
        if _best_cost_without_bias(xs, ys) > 1e-9:
            options.append(Option(text, True))
        else:
            options.append(Option(
                text, False, "bias_always_needed",
                "a = w·x fits these exactly: the line through (0, 0) with slope w = y/x passes "
                "through every point. A bias is needed only when the data's line misses (0, 0)."))
    return Choice(
        prompt="A neuron without a bias, a = w·x, is trained on each of these data sets (points "
               "(x, y)). On which can NO weight w bring the cost to 0?",
        explanation=f"a = w·x is a line through (0, 0): at x = 0 its output is 0 whatever w is, "
                    f"so it cannot give y = {show(y0)} there, nor follow a line like y = "
                    f"{linear(k, b, 'x')} that misses the origin. A line y = {linear(k, 0, 'x')} "
                    f"or a single point is fitted exactly by one w.",
        options=options,
    )


def _neuron(rng):
    """w, b, x, y with x ∉ {0, 1} (so ·x shows), b ≠ 0, and a clearly off the target."""
    x = draw(rng, 0.5, 2.5, avoid=(1.0, 2.0))
    y = draw(rng, 0.2, 1.5)
    while True:
        w = draw(rng, -1.0, 1.5, avoid=(0.0,))
        b = draw(rng, -1.0, 1.0, avoid=(0.0, 1.0))
        if abs(float(neuron.bias_forward(w, b, x)) - y) > 0.1:
            return w, b, x, y


def bias_gradient(rng):
    w, b, x, y = _neuron(rng)
    t = neuron.neuron_trace(w, b, x, y)
    a, d = float(t.a), float(t.dC_da)
    answer = float(t.dC_db)
    no_bias = float(neuron.cost_derivative(neuron.forward(w, x), y))
    return numeric(
        f"a = w·x + b, C = (a − y)². For w = {show(w)}, b = {show(b)}, x = {show(x)} and "
        f"y = {show(y)}: what is dC/db?",
        f"a = {show(w)} · {factor(x)} + {factor(b)} = {show(a)}. The bias is added, so a grows by "
        f"exactly 1 when b grows by 1: dC/db = 2(a − y) · 1 = 2({show(a)} − {factor(y)}) = "
        f"{show(answer)}.",
        answer,
        [("db_times_x", "You multiplied by x, as for dC/dw. The bias is added, not multiplied "
          "by the input: da/db = 1, so dC/db = 2(a − y).", d * x),
         ("db_times_b", "You multiplied by b. The bias multiplies nothing (think of it as "
          "multiplying 1): da/db = 1, so dC/db = 2(a − y).", d * b),
         ("forgot_bias", "Your a leaves out the bias: a = w·x + b = " + show(a) + ", and the "
          "error 2(a − y) uses it.", no_bias),
         ("half_cost", "That is half the answer: the ½-cost's. With C = (a − y)² the 2 stays: "
          "dC/db = 2(a − y).", answer / 2),
         ("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a − y).", -answer)],
    )


def weight_gradient_with_bias(rng):
    w, b, x, y = _neuron(rng)
    t = neuron.neuron_trace(w, b, x, y)
    a, d = float(t.a), float(t.dC_da)
    answer = float(t.dC_dw)
    no_bias = float(neuron.weight_gradient(w, x, y))
    return numeric(
        f"a = w·x + b, C = (a − y)². For w = {show(w)}, b = {show(b)}, x = {show(x)} and "
        f"y = {show(y)}: what is dC/dw?",
        f"a = {show(w)} · {factor(x)} + {factor(b)} = {show(a)}, dC/da = 2(a − y) = {show(d)}, and "
        f"da/dw = x: dC/dw = {show(d)} · {factor(x)} = {show(answer)}.",
        answer,
        [("forgot_bias", "That is the gradient of a = w·x: the bias is missing from a. With "
          f"b = {show(b)}, a = {show(a)}, and the error 2(a − y) uses it.", no_bias),
         ("missing_x", "That is 2(a − y) = dC/da (and here also dC/db). w multiplies x, so the "
          "chain rule adds da/dw = x.", d),
         ("half_cost", "That is half the answer: the ½-cost's. With C = (a − y)² the 2 stays.",
          answer / 2),
         ("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a − y).", -answer)],
    )


def weight_against_bias(rng):
    w, b, x, y = _neuron(rng)
    dw, db = (float(g) for g in neuron.bias_gradients(w, b, x, y))
    return Choice(
        prompt="a = w·x + b, C = (a − y)². Which holds for every x, y, w and b?",
        explanation=f"Both gradients share the error 2(a − y); then da/dw = x and da/db = 1. So "
                    f"dC/dw = x · dC/db. For example w = {show(w)}, b = {show(b)}, x = {show(x)}, "
                    f"y = {show(y)}: dC/db = {show(db)} and dC/dw = {show(x)} · {factor(db)} = "
                    f"{show(dw)}.",
        options=[
            Option("dC/dw = x · dC/db", True),
            Option("dC/db = x · dC/dw", False, "db_times_x",
                   "It is the other way round: the weight's gradient carries the input x "
                   "(da/dw = x), the bias's does not (da/db = 1)."),
            Option("dC/db = b · dC/dw", False, "db_times_b",
                   "b multiplies nothing in a = w·x + b, so no b appears in a gradient: "
                   "da/db = 1 and dC/db = 2(a − y)."),
            Option("dC/dw = dC/db", False, "missing_x",
                   "They are equal only when x = 1: dC/dw = 2(a − y) · x carries the input, "
                   "dC/db = 2(a − y) · 1 does not."),
        ],
    )
