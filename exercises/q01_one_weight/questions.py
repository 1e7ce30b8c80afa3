"""q01 · One weight by hand. a = w·x (no bias), C = (a − y)².

Every number shown is drawn from rng; every right answer and every typical wrong one is computed
from the reference engine (reference.neuron) or, for the slips, from the same values by the
wrong formula."""

from __future__ import annotations

from grader.course.worked import draw, factor, linear, show
from grader.grading.quiz import Choice, Expression, Option, Slip, numeric
from reference import neuron
from reference.costs import COSTS

HALF = COSTS["half_squared"]


def _neuron(rng):
    """x, y, w with a ≠ y, x ∉ {1, 2} (where slips would coincide) and y ≠ 0."""
    x = draw(rng, 0.5, 2.5, avoid=(1.0, 2.0))
    y = draw(rng, 0.2, 1.5)
    while True:
        w = draw(rng, -1.0, 1.5, avoid=(0.0,))
        if abs(float(neuron.forward(w, x)) - y) > 0.05:
            return x, y, w


def gradient_at_w(rng):
    x, y, w = _neuron(rng)
    a = float(neuron.forward(w, x))
    dC_da = float(neuron.cost_derivative(a, y))
    answer = float(neuron.weight_gradient(w, x, y))
    return numeric(
        f"One neuron, no bias: a = w·x and C = (a − y)². For x = {show(x)}, y = {show(y)} and "
        f"w = {show(w)}, what is dC/dw?",
        f"a = w·x = {show(w)} · {factor(x)} = {show(a)}. dC/da = 2(a − y) = 2({show(a)} − "
        f"{show(y)}) = {show(dC_da)}. The chain rule multiplies by da/dw = x: "
        f"dC/dw = {show(dC_da)} · {factor(x)} = {show(answer)}.",
        answer,
        [("two_a_minus_y", "That is x(2a − y): the 2 went onto a only. The 2 comes from "
          "squaring the whole gap, so it multiplies all of it: dC/da = 2(a − y).",
          x * (2 * a - y)),
         ("half_cost_gradient", "That is x(a − y), the gradient of the ½-cost ½(a − y)². Our "
          "cost has no ½, so the 2 from the square stays: dC/dw = x · 2(a − y).",
          x * float(HALF.derivative(a, y))),
         ("missing_x", "That is 2(a − y) = dC/da, the slope for the output a. The weight "
          "reaches the cost through a = w·x, so the chain rule adds the factor da/dw = x.",
          dC_da),
         ("flipped_sign", "Right size, wrong sign: that is x · 2(y − a). Keep the order of the "
          "cost, a − y: when a is too high, a bigger w makes the cost bigger, so dC/dw > 0.",
          -answer)],
    )


def gradient_formula(rng):
    x = draw(rng, 0.5, 2.5, avoid=(1.0, 2.0))
    y = draw(rng, 0.2, 1.5, avoid=(0.5,) if x == 1.5 else ())
    beta = float(neuron.weight_gradient(0.0, x, y))  # the gradient is a straight line in w
    alpha = float(neuron.weight_gradient(1.0, x, y)) - beta
    half = x * float(HALF.derivative(x, y)) - x * float(HALF.derivative(0.0, y))
    return Expression(
        prompt=f"a = w·x, C = (a − y)². For x = {show(x)} and y = {show(y)}, write dC/dw as a "
               f"formula in w (like 3w − 0.2).",
        explanation=f"dC/dw = x · 2(a − y) = {show(x)} · 2({show(x)}w − {factor(y)}) = "
                    f"{linear(alpha, beta, 'w')}. (For x = 1.5, y = 0.5 the same steps give "
                    f"1.5 · 2(1.5w − 0.5) = 4.5w − 1.5.)",
        variables=["w"],
        answer=lambda w: float(neuron.weight_gradient(w, x, y)),
        answer_text=linear(alpha, beta, "w"),
        slips=[
            Slip("two_a_minus_y", "That is x(2a − y): the 2 went onto a only. It multiplies the "
                 "whole gap: x · 2(wx − y) = 2x²w − 2xy.", linear(2 * x * x, -x * y, "w")),
            Slip("half_cost_gradient", "That is x(a − y) = x²w − xy, the gradient of the "
                 "½-cost. Our cost (a − y)² keeps the 2: dC/dw = x · 2(wx − y).",
                 linear(half, -x * y, "w")),
            Slip("missing_x", "That is 2(a − y) = 2(xw − y), the slope for a. The chain rule "
                 "multiplies it by da/dw = x: dC/dw = x · 2(xw − y).",
                 linear(2 * x, -2 * y, "w")),
            Slip("flipped_sign", "Right size, wrong sign: that is x · 2(y − a). Keep the order "
                 "of the cost: x · 2(a − y).", linear(-alpha, -beta, "w")),
            Slip("example_numbers", "4.5w − 1.5 is the worked example's formula, true only for "
                 "x = 1.5 and y = 0.5. Build it from these numbers: x · 2(xw − y).",
                 "4.5w - 1.5"),
        ],
    )


def one_step(rng):
    x, y, w = _neuron(rng)
    eta = draw(rng, 0.05, 0.2, digits=2)
    a = float(neuron.forward(w, x))
    grad = float(neuron.weight_gradient(w, x, y))
    answer = float(neuron.update(w, x, y, eta))
    return numeric(
        f"a = w·x, C = (a − y)². x = {show(x)}, y = {show(y)}, w = {show(w)}, learning rate "
        f"η = {show(eta)}. What is w after one gradient-descent step? (4 significant digits)",
        f"a = {show(a)}, dC/dw = x · 2(a − y) = {show(grad)}. New w = w − η · dC/dw = "
        f"{show(w)} − {factor(eta)} · {factor(grad)} = {show(answer)}.",
        answer,
        [("gradient_ascent", "You stepped uphill, w + η · dC/dw, which makes the cost bigger. "
          "The gradient points the way the cost grows: step the other way, w − η · dC/dw.",
          w + eta * grad),
         ("no_learning_rate", "You subtracted the whole gradient. The step is scaled by the "
          "learning rate: w − η · dC/dw.", w - grad),
         ("half_cost_gradient", "Your step uses x(a − y), the ½-cost's gradient. With "
          "C = (a − y)² the gradient keeps its 2: dC/dw = x · 2(a − y).",
          w - eta * x * float(HALF.derivative(a, y))),
         ("missing_x", "Your step uses 2(a − y) = dC/da. We change w, so use dC/dw = "
          "x · 2(a − y).", w - eta * float(neuron.cost_derivative(a, y))),
         ("step_only", "That is only the change, −η · dC/dw. The new weight is the old one "
          "plus that change: w − η · dC/dw.", -eta * grad)],
    )


def _blog_numbers(rng):
    """Yp (predicted) and Ya (actual), Ya ≠ 0 and Yp ≠ Ya, so the blog's formula is off."""
    ya = draw(rng, 0.1, 0.9)
    while True:
        yp = draw(rng, 0.1, 1.5)
        if abs(yp - ya) > 0.05:
            return yp, ya


def blog_derivative(rng):
    yp, ya = _blog_numbers(rng)
    answer = float(neuron.cost_derivative(yp, ya))
    return numeric(
        f"A blog writes the cost as C = (Yp − Ya)² (Yp predicted, Ya actual) and its derivative "
        f"as \"2Yp − Ya\". For Yp = {show(yp)} and Ya = {show(ya)}, what is dC/dYp really?",
        f"The derivative of u² is 2u, with u = Yp − Ya: dC/dYp = 2(Yp − Ya) = 2({show(yp)} − "
        f"{show(ya)}) = {show(answer)}. The blog's 2Yp − Ya would give "
        f"{show(2 * yp - ya)}: the 2 must multiply the whole difference, 2Yp − 2Ya.",
        answer,
        [("two_a_minus_y", "That is the blog's 2Yp − Ya: the 2 went onto Yp only. The 2 comes "
          "from the square of the whole gap, so it multiplies all of it: 2(Yp − Ya) = 2Yp − 2Ya.",
          2 * yp - ya),
         ("half_cost_derivative", "That is Yp − Ya, the derivative of ½(Yp − Ya)². This cost "
          "has no ½, so the 2 of the square stays: 2(Yp − Ya).",
          float(HALF.derivative(yp, ya))),
         ("flipped_sign", "Right size, wrong sign: 2(Ya − Yp). Keep the cost's order: "
          "2(Yp − Ya). If Yp is too high, raising it raises the cost: the slope is positive.",
          -answer)],
    )


def blog_formula_by_nudging(rng):
    yp, ya = _blog_numbers(rng)
    h = 0.001
    c0 = float(neuron.cost(yp, ya))
    c1 = float(neuron.cost(yp + h, ya))
    right = float(neuron.cost_derivative(yp, ya))
    options = [
        Option(f"2(Yp − Ya) = {show(right)}", True),
        Option(f"2Yp − 2Ya = {show(2 * yp - 2 * ya)}", True),
        Option(f"2Yp − Ya = {show(2 * yp - ya)}", False, "two_a_minus_y",
               "The blog's 2Yp − Ya does not match the nudge: the 2 multiplies the whole "
               "difference, 2(Yp − Ya) = 2Yp − 2Ya."),
        Option(f"Yp − Ya = {show(float(HALF.derivative(yp, ya)))}", False,
               "half_cost_derivative", "Yp − Ya is half the slope the nudge shows: it is the "
               "derivative of ½(Yp − Ya)². This cost has no ½."),
        Option(f"2(Ya − Yp) = {show(-right)}", False, "flipped_sign",
               "The nudge raised Yp and the cost went the way the sign of 2(Yp − Ya) says; "
               "2(Ya − Yp) has the opposite sign."),
    ]
    return Choice(
        prompt=f"Check the blog's formula with numbers. C = (Yp − Ya)² with Ya = {show(ya)}. "
               f"At Yp = {show(yp)}, C = {show(c0, 8)}; nudged to Yp = {show(yp + h)}, "
               f"C = {show(c1, 8)}. So the slope is about ({show(c1, 8)} − {factor(c0, 8)}) / "
               f"{show(h)} = {show((c1 - c0) / h, 4)}. Which formulas give dC/dYp here?",
        explanation=f"The nudge gives {show((c1 - c0) / h, 4)}, and 2(Yp − Ya) = "
                    f"2({show(yp)} − {factor(ya)}) = {show(right)} (the small difference is the "
                    f"nudge's size, {show(h)}). 2Yp − 2Ya is the same thing multiplied out; the "
                    f"blog's 2Yp − Ya gives {show(2 * yp - ya)}.",
        options=options,
    )
