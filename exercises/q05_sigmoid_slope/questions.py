"""q05 · The sigmoid's slope: σ(z) = 1/(1 + e^(−z)), σ′(z) = σ(z)(1 − σ(z)) = a(1 − a).

Every number shown is drawn from rng; right answers come from reference.activations (sigmoid,
sigmoid_prime); the slips are the same values put through the wrong formula."""

from __future__ import annotations

import math

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Expression, Slip, numeric
from reference.activations import sigmoid, sigmoid_prime


def _logit(a: float) -> float:
    """The z with σ(z) = a: the forward pass computed a from it."""
    return math.log(a / (1 - a))


def slope_at_z(rng):
    z = draw(rng, -3.0, 3.0, avoid=(0.0, 1.0))
    s = float(sigmoid(z))
    answer = float(sigmoid_prime(z))
    return numeric(
        f"σ(z) = 1/(1 + e^(−z)). What is its slope σ′(z) at z = {show(z)}? "
        f"(4 significant digits)",
        f"σ({show(z)}) = {show(s)}, and σ′(z) = σ(z)(1 − σ(z)) = {show(s)} · {factor(1 - s)} = "
        f"{show(answer)}.",
        answer,
        [("z_times_one_minus_z", "That is z(1 − z): z put where σ(z) belongs. The slope is "
          "built from the sigmoid's value: σ(z)(1 − σ(z)), always between 0 and 0.25.",
          z * (1 - z)),
         ("returned_sigmoid", f"That is σ(z) itself, the value. Its slope is σ(z)(1 − σ(z)) = "
          f"{show(s)} · {factor(1 - s)}.", s),
         ("missing_square", "That is e^(−z)/(1 + e^(−z)) = 1 − σ(z): the square of the "
          "denominator is missing. The derivative of 1/u is −1/u², so σ′(z) = "
          "e^(−z)/(1 + e^(−z))² = σ(z)(1 − σ(z)).", 1 - s),
         ("one_plus", "That is σ(z)(1 + σ(z)): a plus where the minus belongs, σ(z)(1 − σ(z)).",
          s * (1 + s)),
         ("prime_of_sigmoid", "You applied the sigmoid twice: that is σ′(σ(z)). Take the slope "
          "at z itself: σ(z)(1 − σ(z)).", float(sigmoid_prime(s)))],
    )


def slope_from_stored_a(rng):
    a = draw(rng, 0.05, 0.95, digits=2, avoid=(0.5,))
    z = _logit(a)
    answer = float(sigmoid_prime(z))
    return numeric(
        f"A sigmoid unit computed z, then a = σ(z) = {show(a)}; the forward pass kept only a. "
        f"What is the slope σ′(z)? (4 significant digits)",
        f"σ′(z) = σ(z)(1 − σ(z)), and σ(z) is a: σ′(z) = a(1 − a) = {show(a)} · "
        f"{show(1 - a)} = {show(answer)}. No need to find z (it is {show(z, 4)}).",
        answer,
        [("prime_of_a", "That is σ(a)(1 − σ(a)) = σ′(a): a went through the sigmoid a second "
          "time. a is already σ(z), so σ′(z) = a(1 − a).", float(sigmoid_prime(a))),
         ("returned_sigmoid", "That is a itself, the value. Its slope is a(1 − a).", a),
         ("missing_square", "That is 1 − a: one factor is missing. σ′(z) = a(1 − a).", 1 - a),
         ("one_plus", "That is a(1 + a): a plus where the minus belongs, a(1 − a).",
          a * (1 + a))],
    )


def slope_formula_in_a(rng):
    a = draw(rng, 0.6, 0.95, digits=2)
    return Expression(
        prompt="A sigmoid unit stored only its output a = σ(z). Write the slope σ′(z) as a "
               "formula in a.",
        explanation="σ′(z) = σ(z)(1 − σ(z)), and σ(z) is exactly the stored a: σ′(z) = a(1 − a). "
                    f"For example a = {show(a)} gives {show(a)} · {factor(1 - a)} = "
                    f"{show(float(sigmoid_prime(_logit(a))))}, while "
                    f"σ({show(a)})(1 − σ({show(a)})) = "
                    f"{show(float(sigmoid_prime(a)), 4)} would be the slope at z = {show(a)}, "
                    f"another point (this unit's z is {show(_logit(a), 4)}).",
        variables=["a"],
        answer=lambda a: float(sigmoid_prime(_logit(a))),
        answer_text="a(1 − a)",
        ranges={"a": (0.05, 0.95)},
        slips=[
            Slip("prime_of_a", "That is σ(a)(1 − σ(a)): the slope taken at a, as if a were z. "
                 "a is already σ(z): σ′(z) = a(1 − a).", "sigma(a)(1 - sigma(a))"),
            Slip("one_plus", "A plus where the minus belongs: a(1 − a).", "a(1 + a)"),
            Slip("missing_square", "That is 1 − a: one factor is missing. σ′(z) = a(1 − a).",
                 "1 - a"),
            Slip("returned_sigmoid", "That is the value a, not its slope a(1 − a).", "a"),
        ],
    )


def flat_ends(rng):
    z = draw(rng, 4.0, 8.0) * (1 if rng.random() < 0.5 else -1)
    peak = float(sigmoid_prime(0.0))
    slope = float(sigmoid_prime(z))
    answer = peak / slope
    return numeric(
        f"The sigmoid's slope is largest at z = 0: σ′(0) = {show(peak)}. How many times smaller "
        f"is σ′(z) at z = {show(z)}? (3 significant digits)",
        f"σ({show(z)}) = {show(float(sigmoid(z)))}, so σ′ = {show(slope, 4)}, and "
        f"{show(peak)} / {show(slope, 4)} = {show(answer, 4)}. Far from 0 the sigmoid is flat "
        f"(saturated): any gradient that passes through it is multiplied by this tiny slope.",
        answer,
        rtol=6e-3,
    )
