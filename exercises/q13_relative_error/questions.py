"""q13 · The relative error ‖a − b‖ / max(‖a‖, ‖b‖) and how to read it.

Every number shown is drawn from rng; right answers come from reference.gradcheck
(relative_error) and reference.layers (backprop); the slips are the same values put through the
wrong formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, show
from grader.grading.quiz import Choice, Option, numeric
from reference import gradcheck, layers
from reference.network import Network


def sci(x) -> str:
    """2.3e-3, as the gradient-check tables write it."""
    mantissa, exponent = f"{float(x):.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def _vector(values) -> str:
    return "(" + ", ".join(show(v) for v in values) + ")"


def relative_error_by_hand(rng):
    n = int(rng.integers(2, 4))
    while True:
        a = np.array([draw(rng, -3.0, 3.0, avoid=(0.0,)) for _ in range(n)])
        b = a + np.array([draw(rng, -0.5, 0.5) for _ in range(n)])
        if np.linalg.norm(a - b) > 0.05 and abs(np.linalg.norm(a) - np.linalg.norm(b)) > 0.05:
            break
    answer = gradcheck.relative_error(a, b)
    na, nb, nd = (float(np.linalg.norm(v)) for v in (a, b, a - b))
    return numeric(
        f"Two gradients: a = {_vector(a)} and b = {_vector(b)}. What is their relative error "
        f"‖a − b‖ / max(‖a‖, ‖b‖)? (4 significant digits)",
        f"a − b = {_vector(a - b)}, ‖a − b‖ = {show(nd)}; ‖a‖ = {show(na)}, ‖b‖ = {show(nb)}. "
        f"{show(nd)} / {show(max(na, nb))} = {show(answer)}.",
        answer,
        [("divided_by_a_only", "You divided by the smaller length. The relative error divides "
          "by the larger, max(‖a‖, ‖b‖), so it does not depend on which one is passed first.",
          nd / min(na, nb)),
         ("sum_of_norms", "You divided by ‖a‖ + ‖b‖. This course divides by the larger length, "
          "max(‖a‖, ‖b‖).", nd / (na + nb)),
         ("no_square_root", "Those are squared lengths: Σ(a − b)² / max(Σa², Σb²). A length is "
          "the square ROOT of the sum of squares.", nd**2 / max(na, nb) ** 2)],
    )


def _gradient(rng):
    """A real gradient: backprop on a small random network, all weight matrices flattened."""
    sizes = [int(rng.integers(2, 5)), int(rng.integers(2, 5)), int(rng.integers(1, 3))]
    net = Network.from_sizes(sizes, "sigmoid", rng)
    m = int(rng.integers(2, 6))
    X, Y = rng.standard_normal((sizes[0], m)), rng.random((sizes[-1], m))
    _, grad_w, _ = layers.backprop(net.weights, net.biases, net.activations, X, Y)
    return np.concatenate([g.ravel() for g in grad_w]), sizes


def twice_the_gradient(rng):
    g, sizes = _gradient(rng)
    answer = gradcheck.relative_error(2 * g, g)
    return numeric(
        f"A network with sizes {sizes}. Your backprop returns exactly twice the true gradient "
        f"(the (a − y)² cost slipped in where ½(a − y)² belongs). What relative error does the "
        f"gradient check report, ‖2g − g‖ / max(‖2g‖, ‖g‖)?",
        f"‖2g − g‖ = ‖g‖ and max(‖2g‖, ‖g‖) = 2‖g‖, so the relative error is exactly "
        f"{show(answer)}, whatever g is. A check that says 0.5 is a factor 2 somewhere.",
        answer,
        [("divided_by_a_only", "You divided by ‖g‖, the smaller length. The relative error "
          "divides by the larger, ‖2g‖ = 2‖g‖.", 1.0),
         ("sum_of_norms", "You divided by ‖2g‖ + ‖g‖ = 3‖g‖. This course divides by the larger "
          "length, 2‖g‖.", 1 / 3)],
    )


def is_this_a_bug(rng):
    g, sizes = _gradient(rng)
    target = draw(rng, 2.0, 8.0) * 1e-3
    i = int(np.argmax(np.abs(g)))
    wrong = g.copy()
    wrong[i] *= 1 + target * np.linalg.norm(g) / abs(g[i])  # one entry off by a few percent
    error = gradcheck.relative_error(wrong, g)
    off = abs(wrong[i] / g[i] - 1)
    return Choice(
        prompt=f"Your gradient check on a small sigmoid network (sizes {sizes}, h = 1e-5) "
               f"reports a relative error of {sci(error)} between backprop and the nudges. "
               f"What does it mean?",
        explanation=f"A correct backprop agrees with the nudges to about 1e-8 or better: rounding "
                    f"and the h² error of the central difference are that small. "
                    f"{sci(error)} is far above, a bug: here one entry of {g.size} is off by "
                    f"{show(100 * off, 2)}%, and that already gives {sci(error)}.",
        options=[
            Option("A bug: rounding and the nudges' own error explain about 1e-8, never this",
                   True),
            Option(f"Right: {show(100 * error, 2)}% is a tiny difference", False,
                   "small_means_right",
                   f"On a gradient check, small is 1e-7 or less. {sci(error)} is hundreds "
                   f"of thousands of times what rounding gives: one entry off by a few percent "
                   f"produces it."),
            Option("Probably a unit sitting on a kink of its activation: nothing to fix", False,
                   "small_means_right",
                   "A kink (a relu at z = 0) can give 1e-6 to 1e-4, and a sigmoid has none. "
                   f"{sci(error)} is a bug."),
            Option("The check is off: h = 1e-5 is too small to measure a gradient", False,
                   "blame_the_check",
                   "With the central difference, h = 1e-5 gives an error near h² = 1e-10; the "
                   "check is the trustworthy side. Look for the bug in backprop."),
        ],
    )
