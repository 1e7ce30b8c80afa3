"""q21 · Cross-entropy: δ^L = ∂C/∂a ⊙ σ′(z) = a − y for a sigmoid output.

Every number shown is drawn from rng; right answers come from reference.beyond
(output_error_cross_entropy, quadratic_output_error) and reference.activations; the slips are
the same values put through the wrong formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Choice, Expression, Option, Slip, numeric
from reference import beyond
from reference.activations import sigmoid


def _logit(a):
    return np.log(a / (1 - a))


def _errors(a, y):
    """(cross-entropy δ, quadratic δ) of one unit with stored output a and target y."""
    A, Y = np.array([[a]]), np.array([[y]])
    Z = _logit(A)
    return (float(beyond.output_error_cross_entropy(Z, A, Y)[0, 0]),
            float(beyond.quadratic_output_error(Z, A, Y)[0, 0]))


def output_error(rng):
    y = float(rng.integers(2))
    a = draw(rng, 0.05, 0.95, digits=2, avoid=(0.5,))
    while abs(a - y) < 0.1:
        a = draw(rng, 0.05, 0.95, digits=2, avoid=(0.5,))
    answer, quadratic = _errors(a, y)
    prime = a * (1 - a)
    return numeric(
        f"A sigmoid output unit has a = {show(a)}, the target is y = {show(y)}, and the cost is "
        f"the cross-entropy C = −[y ln a + (1 − y) ln(1 − a)]. What is its error δ = ∂C/∂z?",
        f"∂C/∂a = (a − y)/(a(1 − a)) and σ′(z) = a(1 − a) = {show(prime)}; their product is "
        f"δ = a − y = {show(a)} − {factor(y)} = {show(answer)}. (The quadratic cost would give "
        f"(a − y)·a(1 − a) = {show(quadratic)}.)",
        answer,
        [("quadratic_delta", "That is the quadratic cost's δ, (a − y)·σ′(z). Under the "
          "cross-entropy, ∂C/∂a = (a − y)/(a(1 − a)), and its denominator cancels σ′(z) = "
          "a(1 − a): δ = a − y.", quadratic),
         ("cost_derivative_only", "That is ∂C/∂a = (a − y)/(a(1 − a)) alone. δ is ∂C/∂z: BP1 "
          "still multiplies by σ′(z) = a(1 − a), which cancels the denominator.",
          (a - y) / prime),
         ("flipped_sign", "Right size, wrong sign: δ = a − y, output minus target.", -answer)],
    )


def output_error_formula(rng):
    a = draw(rng, 0.6, 0.99, digits=2)
    ce, quadratic = _errors(a, 0.0)
    return Expression(
        prompt="A sigmoid output unit with output a and target y, under the cross-entropy "
               "C = −[y ln a + (1 − y) ln(1 − a)]. Write its error δ = ∂C/∂z as a formula in "
               "a and y.",
        explanation=f"BP1: δ = ∂C/∂a · σ′(z) = (a − y)/(a(1 − a)) · a(1 − a) = a − y. For "
                    f"a = {show(a)}, y = 0 that is {show(ce)}, where the quadratic cost's "
                    f"(a − y)·a(1 − a) would be only {show(quadratic)}.",
        variables=["a", "y"],
        answer=lambda a, y: _errors(a, y)[0],
        answer_text="a − y",
        ranges={"a": (0.05, 0.95), "y": (0.0, 1.0)},
        slips=[
            Slip("quadratic_delta", "That is the quadratic cost's δ. Under the cross-entropy "
                 "the a(1 − a) of σ′ cancels: δ = a − y.", "(a - y) a (1 - a)"),
            Slip("cost_derivative_only", "That is ∂C/∂a alone; BP1 multiplies it by "
                 "σ′(z) = a(1 − a): δ = a − y.", "(a - y)/(a(1 - a))"),
            Slip("flipped_sign", "Wrong sign: δ = a − y, output minus target.", "y - a"),
        ],
    )


def how_much_larger(rng):
    z = draw(rng, 3.0, 7.0)
    a = float(sigmoid(z))
    ce, quadratic = _errors(a, 0.0)
    answer = ce / quadratic
    return numeric(
        f"A sigmoid output unit is confidently wrong: z = {show(z)}, so a = σ(z) = {show(a)}, "
        f"but y = 0. How many times larger is its error δ under the cross-entropy than under "
        f"the quadratic cost ½(a − y)²? (3 significant digits)",
        f"Cross-entropy: δ = a − y = {show(ce)}. Quadratic: δ = (a − y)·σ′(z) = {show(ce)} · "
        f"{show(a * (1 - a), 4)} = {show(quadratic, 4)}. The ratio is 1/σ′(z) = "
        f"{show(answer, 4)}: the worse the saturation, the more the cross-entropy helps.",
        answer,
        rtol=6e-3,
    )


def who_learns_fastest(rng):
    wrong_hard = draw(rng, 0.95, 0.99, digits=2)   # confidently wrong: a near 1, y = 0
    wrong_mild = draw(rng, 0.55, 0.7, digits=2)    # wrong, in the sigmoid's steep middle
    nearly = draw(rng, 0.05, 0.15, digits=2)       # nearly right
    units = [(wrong_hard, 0.0), (wrong_mild, 0.0), (nearly, 0.0)]
    ce = [abs(_errors(a, y)[0]) for a, y in units]
    quad = [abs(_errors(a, y)[1]) for a, y in units]
    best, quad_best = int(np.argmax(ce)), int(np.argmax(quad))
    options = []
    for i, (a, y) in enumerate(units):
        text = f"The unit with a = {show(a)}, y = {show(y)}"
        if i == best:
            options.append(Option(text, True))
        elif i == quad_best:
            options.append(Option(text, False, "quadratic_delta",
                                  f"Under the quadratic cost, yes: (a − y)·a(1 − a) is largest "
                                  f"there ({show(quad[i], 3)}). Under the cross-entropy δ = "
                                  f"a − y, largest for the most wrong unit."))
        else:
            options.append(Option(text, False))
    return Choice(
        prompt="Three sigmoid output units under the cross-entropy cost. Which has the largest "
               "error |δ|, and so the largest gradients?",
        explanation="Under the cross-entropy δ = a − y: " + ", ".join(
            f"{show(a)} − {factor(y)} = {show(a - y)}" for a, y in units)
        + ". The confidently wrong unit learns fastest. Under the quadratic cost the factor "
          "a(1 − a) would shrink its error to " + show(quad[0], 3) + ".",
        options=options,
    )
