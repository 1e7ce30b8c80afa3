"""q03 · Two weights in a chain: a1 = w1·x, a2 = w2·a1, C = (a2 − y)².

Every number shown is drawn from rng; right answers come from reference.chain (chain_trace,
chain_gradients); the slips are the same values put through the wrong formula."""

from __future__ import annotations

from grader.course.worked import draw, factor, linear, show
from grader.grading.quiz import Expression, Slip, numeric
from reference import chain

SETUP = "x ──(w1)──▶ a1 ──(w2)──▶ a2, with a1 = w1·x, a2 = w2·a1 and C = (a2 − y)²"


def _chain(rng):
    """w2 ∉ {0, ±1} (so forgetting it shows), x ≠ 1, y ≠ 0 and a2 clearly off the target."""
    x = draw(rng, 0.5, 2.0, avoid=(1.0,))
    y = draw(rng, 0.2, 1.2)
    while True:
        w1 = draw(rng, -1.5, 1.5, avoid=(0.0, 1.0))
        w2 = draw(rng, -1.5, 1.5, avoid=(0.0, 1.0, -1.0))
        if abs(float(chain.chain_forward(w1, w2, x)) - y) > 0.1:
            return w1, w2, x, y


def gradient_w2(rng):
    w1, w2, x, y = _chain(rng)
    t = chain.chain_trace(w1, w2, x, y)
    a1, a2, d = float(t.a1), float(t.a2), float(t.dC_da2)
    answer = float(t.dC_dw2)
    return numeric(
        f"{SETUP}. For w1 = {show(w1)}, w2 = {show(w2)}, x = {show(x)}, y = {show(y)}: what is "
        f"dC/dw2?",
        f"a1 = {show(w1)} · {factor(x)} = {show(a1)}, a2 = {show(w2)} · {factor(a1)} = {show(a2)}, "
        f"dC/da2 = 2(a2 − y) = {show(d)}. w2 multiplies a1, so da2/dw2 = a1: dC/dw2 = "
        f"{show(d)} · {factor(a1)} = {show(answer)}.",
        answer,
        [("x_instead_of_a1", "You multiplied by x, the network's input. w2's input is a1 = "
          "w1·x: a2 = w2·a1 grows by a1 when w2 grows by 1, so dC/dw2 = 2(a2 − y) · a1.", d * x),
         ("a2_instead_of_a1", "You multiplied by a2, w2's output. The factor is w2's input: "
          "dC/dw2 = 2(a2 − y) · a1.", d * a2),
         ("half_cost_gradients", "That is half the answer: the ½-cost's gradient. With "
          "C = (a2 − y)² the chain starts from 2(a2 − y).", answer / 2),
         ("swapped", "That is dC/dw1 = 2(a2 − y) · w2 · x, the other weight's gradient. For w2 "
          "the factor is its own input a1.", float(t.dC_dw1)),
         ("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a2 − y).", -answer)],
    )


def gradient_w1(rng):
    w1, w2, x, y = _chain(rng)
    t = chain.chain_trace(w1, w2, x, y)
    a1, a2, d = float(t.a1), float(t.a2), float(t.dC_da2)
    answer = float(t.dC_dw1)
    return numeric(
        f"{SETUP}. For w1 = {show(w1)}, w2 = {show(w2)}, x = {show(x)}, y = {show(y)}: what is "
        f"dC/dw1?",
        f"a1 = {show(a1)}, a2 = {show(a2)}, dC/da2 = 2(a2 − y) = {show(d)}. A change of w1 moves "
        f"a1 by x, and a1 reaches the cost only through a2 = w2·a1, which multiplies it by w2: "
        f"dC/dw1 = {show(d)} · {factor(w2)} · {factor(x)} = {show(answer)}.",
        answer,
        [("missing_w2", "The factor w2 is missing. w1 changes a1, and a1 reaches the cost only "
          "through a2 = w2·a1, which multiplies every change of a1 by w2: dC/dw1 = "
          "2(a2 − y) · w2 · x.", d * x),
         ("half_cost_gradients", "That is half the answer: the ½-cost's gradient. With "
          "C = (a2 − y)² the chain starts from 2(a2 − y).", answer / 2),
         ("swapped", "That is dC/dw2 = 2(a2 − y) · a1, the other weight's gradient. w1 sits "
          "further back: 2(a2 − y) · w2 · x.", float(t.dC_dw2)),
         ("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a2 − y).", -answer)],
    )


def error_at_a1(rng):
    w1, w2, x, y = _chain(rng)
    t = chain.chain_trace(w1, w2, x, y)
    a1, a2, d = float(t.a1), float(t.a2), float(t.dC_da2)
    answer = float(t.dC_da1)
    return numeric(
        f"{SETUP}. For w1 = {show(w1)}, w2 = {show(w2)}, x = {show(x)}, y = {show(y)}: by how "
        f"much does the cost change per unit change of a1, that is, what is dC/da1?",
        f"a1 = {show(a1)}, a2 = {show(a2)}, dC/da2 = 2(a2 − y) = {show(d)}. a2 = w2·a1 grows by "
        f"w2 when a1 grows by 1: dC/da1 = {show(d)} · {factor(w2)} = {show(answer)}. This is the "
        f"error passed back through w2; dC/dw1 is it times x.",
        answer,
        [("missing_w2", "That is dC/da2 = 2(a2 − y). a1 reaches the cost only through "
          "a2 = w2·a1, so one more factor: dC/da1 = 2(a2 − y) · w2.", d),
         ("half_cost_gradients", "That is half the answer: the ½-cost's. With C = (a2 − y)² "
          "the chain starts from 2(a2 − y).", answer / 2),
         ("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a2 − y).", -answer)],
    )


def gradient_w1_formula(rng):
    _, w2, x, y = _chain(rng)
    beta = float(chain.chain_gradients(0.0, w2, x, y)[0])  # a straight line in w1
    alpha = float(chain.chain_gradients(1.0, w2, x, y)[0]) - beta
    return Expression(
        prompt=f"{SETUP}. For w2 = {show(w2)}, x = {show(x)} and y = {show(y)}, write dC/dw1 as "
               f"a formula in w1.",
        explanation=f"a2 = w2·w1·x = {show(w2 * x)}·w1, and dC/dw1 = 2(a2 − y) · w2 · x = "
                    f"2({show(w2 * x)}w1 − {factor(y)}) · {factor(w2 * x)} = "
                    f"{linear(alpha, beta, 'w1')}.",
        variables=["w1"],
        answer=lambda w1: float(chain.chain_gradients(w1, w2, x, y)[0]),
        answer_text=linear(alpha, beta, "w1"),
        slips=[
            Slip("missing_w2", "The factor w2 is missing: a1 reaches the cost only through "
                 "a2 = w2·a1, so dC/dw1 = 2(a2 − y) · w2 · x.",
                 linear(alpha / w2, beta / w2, "w1")),
            Slip("half_cost_gradients", "That is half the answer: the ½-cost's gradient. With "
                 "C = (a2 − y)² the chain starts from 2(a2 − y).",
                 linear(alpha / 2, beta / 2, "w1")),
            Slip("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a2 − y).",
                 linear(-alpha, -beta, "w1")),
        ],
        ranges={"w1": (-1.5, 1.5)},
    )
