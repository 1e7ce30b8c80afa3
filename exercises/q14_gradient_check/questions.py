"""q14 · The gradient check: central differences of the batch cost, C = ½‖y − a‖² averaged.

Every number shown is drawn from rng; right answers come from reference.layers (network_cost,
backprop, numerical_gradients), reference.gradcheck (relative_error) and
reference.network.Network; the slips are the same values put through the wrong formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Choice, Option, numeric
from reference import gradcheck, layers
from reference.network import Network


def central_difference(rng):
    x = draw(rng, 0.5, 2.0, avoid=(1.0,))
    y = draw(rng, -1.0, 1.0, avoid=(0.0,))
    w = draw(rng, -1.0, 1.5, avoid=(0.0,))
    while abs(w * x - y) < 0.2:
        w = draw(rng, -1.0, 1.5, avoid=(0.0,))
    h = 0.01
    X, Y = np.array([[x]]), np.array([[y]])

    def cost(weight):
        return layers.network_cost([np.array([[weight]])], None, ["identity"], X, Y)

    down, here, up = (float(show(cost(p), 10)) for p in (w - h, w, w + h))  # as shown
    answer = (up - down) / (2 * h)
    exact = float(layers.backprop([np.array([[w]])], None, ["identity"], X, Y)[1][0][0, 0])
    return numeric(
        f"One weight, a = w·x with x = {show(x)}, target y = {show(y)}, C = ½(a − y)². The "
        f"check computed C(w − h) = {show(down, 10)}, C(w) = {show(here, 10)} and C(w + h) = "
        f"{show(up, 10)} at w = {show(w)}, h = {show(h)}. What is its estimate of dC/dw? "
        f"(4 significant digits)",
        f"(C(w + h) − C(w − h)) / 2h = ({show(up, 10)} − {factor(down, 10)}) / {show(2 * h)} = "
        f"{show(answer)}. Backprop gives x · (a − y) = {show(exact)}: for a cost that is a "
        f"parabola in w, the central difference is exact.",
        answer,
        [("factor_two", "You divided by h. The two nudges, w + h and w − h, are 2h apart: "
          "divide by 2h.", (up - down) / h),
         ("forward_difference", "That is the one-sided (C(w + h) − C(w)) / h. The check uses "
          "both nudges: (C(w + h) − C(w − h)) / 2h, far more accurate.", (up - here) / h)],
    )


def why_central(rng):
    k = int(rng.integers(3, 7))
    return Choice(
        prompt=f"With h = 1e-{k}, why does the gradient check use (C(p + h) − C(p − h)) / 2h "
               f"rather than (C(p + h) − C(p)) / h?",
        explanation=f"The curvature terms cancel in the symmetric difference, so its error is "
                    f"about h² = 1e-{2 * k}; the one-sided difference is off by about h/2 times "
                    f"the curvature, around 1e-{k}, large enough to hide a small bug. The price "
                    f"is a second forward pass per parameter."
                    + (" (At h this small, rounding in C's own last digits, about 1e-16 · C / h, "
                       "is already larger than h²: the central difference is good to a few "
                       "times 1e-12 here, no better than at h = 1e-5.)" if k >= 6 else ""),
        options=[
            Option(f"Its error is about h² = 1e-{2 * k} instead of about h = 1e-{k}", True),
            Option("It needs fewer forward passes", False, "fewer_passes",
                   "It needs more: two per parameter, C(p + h) and C(p − h), against one per "
                   "parameter plus one shared C(p). It is chosen for accuracy."),
            Option("Dividing by 2h cancels the ½ in the cost", False, "factor_two",
                   "The 2h is the distance between the two nudges, p − h and p + h. It has "
                   "nothing to do with the cost's ½: with (a − y)² the check divides by 2h too."),
            Option("The one-sided difference has the wrong sign", False, "flipped_sign",
                   "Both have the sign of the slope. The one-sided one is just less accurate: "
                   "its error is about h, not h²."),
        ],
    )


def how_many_forward_passes(rng):
    sizes = [int(rng.integers(2, 9)), int(rng.integers(2, 9)), int(rng.integers(1, 5))]
    net = Network.from_sizes(sizes, "sigmoid", rng)
    weights = sum(W.size for W in net.weights)
    params = weights + sum(b.size for b in net.biases)
    shapes = " and ".join(f"W^{i + 1} {W.shape}" for i, W in enumerate(net.weights))
    return numeric(
        f"A network with sizes {sizes}, weights and biases. How many forward passes of the whole "
        f"batch does a full gradient check with central differences take?",
        f"{shapes} hold {weights} weights; the biases add {params - weights}: {params} "
        f"parameters. Each is nudged up and down, one forward pass each: 2 · {params} = "
        f"{2 * params}. Backprop gets every gradient from one forward and one backward pass.",
        2 * params,
        [("one_pass_per_parameter", "Each parameter is nudged BOTH ways, p + h and p − h: two "
          "forward passes per parameter.", params),
         ("forward_difference", "That counts the one-sided check, one pass per parameter plus "
          "C(p). The central difference needs two per parameter.", params + 1),
         ("biases_forgotten", "The biases are parameters too, and each gets its two nudges.",
          2 * weights)],
    )


SIGNATURES = {
    "factor_two": ("Backprop is twice too big: the cost lost its ½ (or the check divides by h)",
                   "A factor 2 gives exactly ‖2g − g‖ / ‖2g‖ = 0.5."),
    "batch_sum": ("Backprop sums over the batch instead of averaging: m times too big",
                  "Gradients m times too big give ‖mg − g‖ / ‖mg‖ = (m − 1)/m: 0.75 for m = 4, "
                  "0.875 for m = 8."),
    "flipped": ("A flipped sign: backprop returns −g",
                "A flipped sign gives ‖−g − g‖ / ‖g‖ = 2, the largest value possible."),
}


def signature_of_a_bug(rng):
    sizes = [int(rng.integers(2, 4)), int(rng.integers(2, 4)), 1]
    net = Network.from_sizes(sizes, "sigmoid", rng)
    m = int(rng.integers(3, 9))
    X, Y = rng.standard_normal((sizes[0], m)), rng.random((1, m))
    _, grad_w, _ = layers.backprop(net.weights, net.biases, net.activations, X, Y)
    nudged, _ = layers.numerical_gradients(net.weights, net.biases, net.activations, X, Y)
    bug = ["factor_two", "batch_sum", "flipped"][int(rng.integers(3))]
    scale = {"factor_two": 2.0, "batch_sum": float(m), "flipped": -1.0}[bug]
    error = gradcheck.relative_error(scale * grad_w[0], nudged[0])
    options = [Option(text, name == bug, None if name == bug else "misread_signature",
                      "" if name == bug else f"{why} Here it is {show(error, 4)}.")
               for name, (text, why) in SIGNATURES.items()]
    options.append(Option("Nothing serious: rounding", False, "small_means_right",
                          f"Rounding gives about 1e-8. {show(error, 4)} is a bug, and its exact "
                          f"value says which."))
    return Choice(
        prompt=f"A gradient check on a mini-batch of m = {m} samples reports the same relative "
               f"error, {show(error, 4)}, for every layer. Which bug fits?",
        explanation=f"{SIGNATURES[bug][1]} Here m = {m}: {show(error, 4)}.",
        options=options,
    )
