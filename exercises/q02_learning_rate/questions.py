"""q02 · The learning rate. a = w·x, C = (a − y)², w ← w − η·dC/dw.

Every number shown is drawn from rng; right answers come from reference.neuron (error_factor,
learning_rate_limits, train); the slips are the same values put through the wrong formula."""

from __future__ import annotations

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Choice, Option, numeric
from grader.pictures.curves import curves
from reference import neuron

# x = 1 and x = 2 make two slips equal (1/x = 1/x², 1/x = 2/x²): never drawn
AVOID_X = (1.0, 2.0)
STEPS = 10
COST = "cost C = (a − y)², as a fraction of the starting cost"


def _costs(factor_per_step: float) -> list[float]:
    """Cost per step from C = 1 when each step multiplies the error by this factor."""
    values = [(factor_per_step * factor_per_step) ** k for k in range(STEPS + 1)]
    return [v if v > 1e-12 else 0.0 for v in values]


def factor_picture(answered: float, right: float) -> dict:
    """Ten steps with the error multiplied by the answered factor, beside the right one."""
    return curves(_costs(right), _costs(answered),
                  title=f"{STEPS} steps, each multiplying the error by your factor "
                        f"{answered:.3g} and by the right {right:.3g}",
                  y_label=COST, x_label="step (one update of w)")


def rate_picture(x: float):
    """Ten steps of training at the answered learning rate, beside the right one."""
    return lambda answered, right: curves(
        _costs(1 - 2 * right * x * x), _costs(1 - 2 * answered * x * x),
        title=f"{STEPS} steps at x = {x:.3g}: your learning rate η = {answered:.3g} and the "
              f"right η = {right:.3g}",
        y_label=COST, x_label="step (one update of w)")


def error_factor(rng):
    x = draw(rng, 0.5, 2.5, avoid=AVOID_X)
    eta = draw(rng, 0.05, 0.5, digits=2)
    answer = float(neuron.error_factor(x, eta))
    return numeric(
        f"a = w·x, C = (a − y)². Each step w ← w − η·dC/dw multiplies the error a − y by the "
        f"same number. For x = {show(x)} and η = {show(eta)}, which number?",
        f"new error = error − η · x · 2(error) · x = (1 − 2ηx²) · error, and 1 − 2 · "
        f"{show(eta)} · {factor(x)}² = {show(answer)}."
        + (" It is below −1: the error grows every step and training diverges."
           if answer < -1 else
           " It is negative: each step overshoots, but the error still shrinks."
           if answer < 0 else " The error shrinks by this factor every step."),
        answer,
        [("half_cost", "That is 1 − ηx², the factor of the ½-cost, whose gradient has no 2. "
          "With C = (a − y)² the gradient is x · 2(a − y), so the factor is 1 − 2ηx².",
          1 - eta * x * x),
         ("no_square", "That is 1 − 2ηx: one x is missing. The update moves w by η · x · 2e, "
          "and a = w·x multiplies that move by x again: 1 − 2ηx².", 1 - 2 * eta * x)],
        draw=factor_picture,
    )


def divergence_rate(rng):
    x = draw(rng, 0.5, 2.5, avoid=AVOID_X)
    one_step, diverge = (float(r) for r in neuron.learning_rate_limits(x))
    return numeric(
        f"a = w·x, C = (a − y)², x = {show(x)}. Above which learning rate η does gradient "
        f"descent diverge (the error grows every step)? (4 significant digits)",
        f"Each step multiplies the error by 1 − 2ηx². It diverges once that is below −1, that is "
        f"2ηx² > 2, η > 1/x² = 1/{show(x * x)} = {show(diverge)}. (At η = 1/(2x²) = "
        f"{show(one_step)} one step lands on the best weight.)",
        diverge,
        [("diverges_at_overshoot", "That is 1/(2x²), where the factor 1 − 2ηx² reaches 0 (one "
          "step lands exactly). Just above it the error flips sign but still shrinks; it grows "
          "only once the factor is below −1, at η > 1/x².", one_step),
         ("no_square", "That is 1/x: x² is needed. The factor is 1 − 2ηx² (one x from dC/dw, "
          "one from a = w·x), so the limit is 1/x².", 1 / x),
         ("half_cost", "That is 2/x², the limit for the ½-cost, whose factor is 1 − ηx². With "
          "C = (a − y)² the factor is 1 − 2ηx² and the limit 1/x².", 2 / (x * x)),
         ("not_inverted", "That is x²: the rate must shrink when x grows (a bigger input makes "
          "each step move the error more), so the limit is 1/x².", x * x)],
        draw=rate_picture(x),
    )


def which_rates_diverge(rng):
    x = draw(rng, 0.5, 2.5, avoid=AVOID_X)
    one_step, diverge = (float(r) for r in neuron.learning_rate_limits(x))
    options = []
    for share in (0.35, 0.8, 1.25, 2.0):  # of the divergence rate 1/x²
        eta = float(show(share * diverge, 3))
        per_step = float(neuron.error_factor(x, eta))
        if abs(per_step) > 1:
            options.append(Option(f"η = {show(eta)}", True))
        elif per_step < 0:
            options.append(Option(
                f"η = {show(eta)}", False, "diverges_at_overshoot",
                f"At η = {show(eta)} the factor 1 − 2ηx² is {show(per_step, 3)}: each step "
                f"overshoots (the error flips sign) but its size still shrinks. Training "
                f"diverges only when the factor is below −1, for η > 1/x² = {show(diverge)}."))
        else:
            options.append(Option(f"η = {show(eta)}", False))
    return Choice(
        prompt=f"a = w·x, C = (a − y)², x = {show(x)}. With which of these learning rates does "
               f"gradient descent diverge?",
        explanation=f"The error is multiplied by 1 − 2ηx² each step. It grows when that is below "
                    f"−1: η > 1/x² = {show(diverge)}. Between 1/(2x²) = {show(one_step)} and "
                    f"{show(diverge)} the steps overshoot but still converge.",
        options=options,
    )


def next_cost(rng):
    while True:
        x = draw(rng, 0.5, 2.0, avoid=AVOID_X)
        eta = draw(rng, 0.02, 0.3, digits=2)
        if 0.3 < float(neuron.error_factor(x, eta)) < 0.9:
            break
    y = draw(rng, 0.2, 1.5)
    w = draw(rng, -1.0, 1.5)
    while abs(float(neuron.forward(w, x)) - y) < 0.1:
        w = draw(rng, -1.0, 1.5)
    _, costs = neuron.train(w, x, y, eta, 3)
    c0, c1, c2 = (float(c) for c in costs)
    c0s, c1s = float(show(c0)), float(show(c1))
    shrink = float(neuron.error_factor(x, eta))
    return numeric(
        f"Training a = w·x with x = {show(x)}, C = (a − y)² and η = {show(eta)}: the cost is "
        f"{show(c0)} before the first step and {show(c1)} before the second. What is it before "
        f"the third? (4 significant digits)",
        f"Each step multiplies the error by the same number (here 1 − 2ηx² = {show(shrink)}), so "
        f"it multiplies the cost by the same number squared: {show(c1)} / {show(c0)} = "
        f"{show(c1s / c0s)}, and {show(c1)} · {factor(c1s / c0s)} = {show(c2)}.",
        c2,
        [("linear_decrease", "The cost does not fall by the same amount each step: it falls by "
          "the same FACTOR. Each step multiplies the error by 1 − 2ηx², so the cost by its "
          "square: divide, don't subtract.", 2 * c1 - c0),
         ("error_factor_for_cost", "That multiplies the cost by 1 − 2ηx², the error's factor. "
          "The cost is the error squared, so it is multiplied by the factor squared.",
          c1 * shrink)],
        rtol=2e-3,
    )
