"""q10 · BP1 and BP2 in Nielsen's notation, C = ½‖y − a‖² averaged over the batch.

Every number shown is drawn from rng; right answers come from reference.layers (output_error,
hidden_error, backprop) and reference.network (sgd_step under both costs); the slips are the
same values put through the wrong formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Choice, Option, Shape, Slip, numeric
from reference import layers, network
from reference.activations import sigmoid_prime


def _logit(a):
    """The z with σ(z) = a: the forward pass computed the stored a from it."""
    return np.log(a / (1 - a))


def output_error(rng):
    a = draw(rng, 0.05, 0.95, digits=2, avoid=(0.5,))
    y = [0.0, 1.0, draw(rng, 0.1, 0.9)][int(rng.integers(3))]
    while abs(a - y) < 0.1:
        a = draw(rng, 0.05, 0.95, digits=2, avoid=(0.5,))
    A, Y = np.array([[a]]), np.array([[y]])
    answer = float(layers.output_error(_logit(A), A, Y)[0, 0])
    prime = a * (1 - a)
    return numeric(
        f"An output unit (sigmoid) of one sample has a = {show(a)}, and the target is "
        f"y = {show(y)}. With C = ½‖y − a‖², what is its error δ^L = ∂C/∂z^L (BP1)? "
        f"(4 significant digits)",
        f"BP1: δ = (a − y) · σ′(z), and σ′(z) = a(1 − a) = {show(a)} · {factor(1 - a)} = "
        f"{show(prime)}. δ = ({show(a)} − {factor(y)}) · {factor(prime)} = {show(answer)}.",
        answer,
        [("squared_cost", "That is twice the answer: the (a − y)² cost of the earlier stages, "
          "whose slope is 2(a − y). Nielsen's ½‖y − a‖² has the slope a − y.", 2 * answer),
         ("prime_missing", "That is a − y = ∂C/∂a. δ is ∂C/∂z, one link further: multiply by "
          "σ′(z) = a(1 − a).", a - y),
         ("prime_of_a", "You took the slope at a: σ(a)(1 − σ(a)). a is already σ(z), so "
          "σ′(z) = a(1 − a).", (a - y) * float(sigmoid_prime(a))),
         ("flipped_sign", "Right size, wrong sign: (y − a). The cost grows as a moves away from "
          "y, so its slope is a − y.", -answer)],
    )


def hidden_error(rng):
    while True:
        W = np.array([[draw(rng, -1.0, 1.0, avoid=(0.0,)) for _ in range(2)] for _ in range(2)])
        if abs(W[0, 1] - W[1, 0]) > 0.15:
            break
    k = int(rng.integers(2))
    while True:  # an error that does not cancel out on its way back
        delta_next = np.array([[draw(rng, -0.3, 0.3, digits=2, avoid=(0.0,))] for _ in range(2)])
        if abs(float((W.T @ delta_next)[k, 0])) > 0.01:
            break
    A = np.array([[draw(rng, 0.1, 0.9, digits=2, avoid=(0.5,))] for _ in range(2)])
    Z = _logit(A)
    answer = float(layers.hidden_error(W, delta_next, Z)[k, 0])
    back = float((W.T @ delta_next)[k, 0])
    a = float(A[k, 0])
    rows = ", ".join(f"[{show(W[r, 0])}, {show(W[r, 1])}]" for r in range(2))
    terms = " + ".join(f"{show(W[j, k])}·{factor(delta_next[j, 0])}" for j in range(2))
    return numeric(
        f"A hidden sigmoid layer of 2 units feeds an output layer of 2 units with "
        f"W^L = [{rows}] (row j: the weights into output unit j). The output errors are "
        f"δ^L = ({show(delta_next[0, 0])}, {show(delta_next[1, 0])}), and hidden unit {k + 1} "
        f"has a = {show(a)}. What is its error δ_{k + 1} (BP2)? (4 significant digits)",
        f"Hidden unit {k + 1} feeds both output units, through column {k + 1} of W^L: "
        f"((W^L)ᵀ δ^L)_{k + 1} = {terms} = {show(back)}. Times σ′(z) = a(1 − a) = "
        f"{show(a * (1 - a))}: δ_{k + 1} = {show(answer)}.",
        answer,
        [("no_transpose", f"You used row {k + 1} of W^L, the weights INTO output unit "
          f"{k + 1}. Going back, hidden unit {k + 1} collects from every unit it feeds, through "
          f"the weights LEAVING it: column {k + 1} of W^L, that is row {k + 1} of (W^L)ᵀ.",
          float(layers.hidden_error(W.T, delta_next, Z)[k, 0])),
         ("prime_missing", "That is ((W^L)ᵀ δ^L) alone, ∂C/∂a of the hidden unit. δ is ∂C/∂z: "
          "multiply by the unit's own slope σ′(z) = a(1 − a).", back),
         ("prime_of_a", "You took the slope at a: σ(a)(1 − σ(a)). a is already σ(z), so "
          "σ′(z) = a(1 − a).", back * float(sigmoid_prime(a)))],
    )


def error_shape(rng):
    sizes = [int(n) for n in rng.choice(np.arange(2, 10), size=4, replace=False)]
    m = int(rng.integers(10, 65))
    layer = int(rng.integers(1, 4))
    n_l, n_prev = sizes[layer], sizes[layer - 1]
    net = network.Network.from_sizes(sizes, "sigmoid", rng)
    X, Y = rng.random((sizes[0], m)), rng.random((sizes[-1], m))
    deltas, _, _ = layers.backprop(net.weights, net.biases, net.activations, X, Y)
    answer = deltas[layer - 1].shape
    return Shape(
        prompt=f"Layer sizes {sizes} (layer 0 is the input), a mini-batch of m = {m} samples as "
               f"columns. What is the shape of δ^{layer}, the error of layer {layer}?",
        explanation=f"δ^{layer} = ∂C/∂z^{layer} has the shape of z^{layer}: one row per unit "
                    f"of layer {layer} ({n_l}), one column per sample ({m}). It stays per "
                    f"sample; the batch "
                    f"is averaged only in ∂C/∂W and ∂C/∂b.",
        answer=answer,
        slips=[Slip("samples_as_rows", f"Samples are COLUMNS: δ^{layer} is ({n_l}, {m}), "
                    "one row per unit.", answer[::-1]),
               Slip("shape_of_w", f"That is the shape of W^{layer}. δ^{layer} holds one "
                    f"error per unit and per sample: ({n_l}, {m}).", (n_l, n_prev))],
    )


def _step_ratio(rng):
    """(ratio, η) with ratio = Δw under (a − y)² / Δw under ½(a − y)², on a random network."""
    sizes = [int(rng.integers(2, 5)), int(rng.integers(2, 5)), int(rng.integers(1, 3))]
    net = network.Network.from_sizes(sizes, "sigmoid", rng)
    m = int(rng.integers(4, 17))
    X, Y = rng.standard_normal((sizes[0], m)), rng.random((sizes[-1], m))
    eta = draw(rng, 0.1, 3.0)
    moved = {cost: network.sgd_step(net, X, Y, eta, cost).weights[-1] - net.weights[-1]
             for cost in ("squared", "half_squared")}
    entry = np.unravel_index(np.argmax(np.abs(moved["half_squared"])), moved["half_squared"].shape)
    return float(moved["squared"][entry] / moved["half_squared"][entry]), eta, sizes, m


def step_ratio_of_the_costs(rng):
    ratio, eta, sizes, m = _step_ratio(rng)
    return numeric(
        f"The same network (sizes {sizes}), the same mini-batch of {m} samples, the same "
        f"η = {show(eta)}: one SGD step with the cost (a − y)² of the early stages, one with "
        f"Nielsen's ½(a − y)². How many times bigger is a weight's change under (a − y)²?",
        f"The slope of (a − y)² is 2(a − y); of ½(a − y)² it is (a − y). Every δ, and so every "
        f"gradient and every step, carries that factor: the ratio is exactly {show(ratio)} for "
        f"every weight, whatever the network or η.",
        ratio,
        [("constant_factor_ignored", "A constant factor in front of the cost does not move its "
          "minimum, but it does scale its slope: (a − y)² has slope 2(a − y), ½(a − y)² has "
          "a − y. With the same η, every step differs by that factor 2.", 1.0),
         ("ratio_inverted", "Upside down: the ½ makes the slope SMALLER, a − y instead of "
          "2(a − y), so the (a − y)² step is the bigger one.", 1 / ratio)],
    )


def dropping_the_half(rng):
    ratio, eta, _, _ = _step_ratio(rng)
    return Choice(
        prompt=f"You trained with C = (a − y)² and η = {show(eta)}. You switch to Nielsen's "
               f"C = ½(a − y)² and keep η = {show(eta)}. What happens to training?",
        explanation=f"The ½ halves the slope, (a − y) instead of 2(a − y), so every gradient and "
                    f"every step is halved, in the same direction. The best weights do not move. "
                    f"Training with the ½-cost and η = {show(eta)} is the old training with "
                    f"η = {show(eta / ratio)}.",
        options=[
            Option("Every step is half as long, in the same direction", True),
            Option(f"It is the same as training with the old cost and η = {show(eta / ratio)}",
                   True),
            Option("Nothing changes: a constant factor does not move the cost's minimum", False,
                   "constant_factor_ignored",
                   "The minimum does not move, but the path to it does: the slope is halved, "
                   "so with the same η every step is half as long."),
            Option("Every step is twice as long", False, "ratio_inverted",
                   "The ½ makes the slope smaller, a − y instead of 2(a − y): the steps halve."),
        ],
    )
