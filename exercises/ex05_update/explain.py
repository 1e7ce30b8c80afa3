"""`learn explain ex05`: a fresh gradient-descent step, computed by the reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import draw, factor, show
from reference import neuron

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    while True:  # an output already on target would make the step 0
        w = draw(rng, -2, 2, avoid=(0.0,))
        x, y = draw(rng, -1.5, 1.5, avoid=(0.0,)), draw(rng, -2, 2, avoid=(0.0,))
        if abs(neuron.forward(w, x) - y) >= 0.1:
            break
    learning_rate = float(rng.choice([0.05, 0.1, 0.15]))
    a = neuron.forward(w, x)
    C = neuron.cost(a, y)
    dC_da = neuron.cost_derivative(a, y)
    dC_dw = neuron.weight_gradient(w, x, y)
    step = learning_rate * dC_dw
    new_w = neuron.update(w, x, y, learning_rate)
    new_a = neuron.forward(new_w, x)
    new_C = neuron.cost(new_a, y)
    return "\n".join([
        "One step of gradient descent:  new w = w − learning_rate · dC/dw",
        "",
        f"Take w = {num(w)}, x = {num(x)}, y = {num(y)}, learning rate {num(learning_rate)}.",
        "Where we stand:",
        f"  a = w · x = {num(w)} · {term(x)} = {num(a)}",
        f"  C = ({num(a)} − {term(y)})² = {num(C)}",
        "The gradient (ex04):",
        f"  dC/da = 2(a − y) = {num(dC_da)}",
        f"  dC/dw = x · dC/da = {num(x)} · {term(dC_da)} = {num(dC_dw)}",
        "The step, against the gradient:",
        f"  learning_rate · dC/dw = {num(learning_rate)} · {term(dC_dw)} = {num(step)}",
        f"  new w = {num(w)} − {term(step)} = {num(new_w)}",
        f"So update({w:g}, {x:g}, {y:g}, {learning_rate:g}) returns {float(new_w):.4g}.",
        "",
        "Did it help? At the new weight:",
        f"  a = {num(new_w)} · {term(x)} = {num(new_a)},  C = {num(new_C)}"
        f"  (was {num(C)})",
        f"The best weight is y/x = {num(y / x)}, where a = y and the cost is 0.",
    ])
