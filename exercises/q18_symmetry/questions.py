"""q18 · Symmetry: hidden units that start the same get the same gradients and stay the same.

Every network is drawn from rng and trained with the reference engine (reference.training_start:
init_network, toy_data, train_from, distinct_units); every answer is what that training gave,
and the slips are the answers of the wrong rule."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, show
from grader.grading.quiz import Choice, Option, numeric
from reference.training_start import distinct_units, init_network, toy_data, train_from

STEPS = 100
SAME = ("(Two hidden units are the same when their incoming weights, bias and outgoing weights "
        "are equal.)")


def _sizes(rng) -> list[int]:
    return [int(rng.integers(2, 6)), int(rng.integers(3, 9)), int(rng.integers(1, 4))]


def _constant(sizes, c, d):
    weights = [np.full((sizes[1], sizes[0]), c), np.full((sizes[2], sizes[1]), d)]
    return weights, [np.zeros((n, 1)) for n in sizes[1:]]


def _trained(sizes, weights, biases, seed, eta):
    X, Y = toy_data(sizes, seed)
    return train_from(weights, biases, X, Y, STEPS, eta)[-1]


def constant_start_units(rng):
    sizes = _sizes(rng)
    c = 0.0 if rng.random() < 0.5 else draw(rng, -1.0, 1.0, avoid=(0.0,))
    d = 0.0 if rng.random() < 0.5 else draw(rng, -1.0, 1.0, avoid=(0.0,))
    eta, seed = draw(rng, 0.5, 2.0), int(rng.integers(1000))
    net = _trained(sizes, *_constant(sizes, c, d), seed, eta)
    answer = distinct_units(net)
    first = "W1 = 0" if c == 0 else f"every weight of W1 equal to {show(c)}"
    second = "W2 = 0" if d == 0 else f"every weight of W2 equal to {show(d)}"
    row = net.weights[0][0]
    return numeric(
        f"A sigmoid network with sizes {sizes} starts with {first}, {second} and every bias "
        f"0. After {STEPS} steps of gradient descent (η = {show(eta)}) on 20 random samples, "
        f"how many different hidden units does it have? {SAME}",
        f"Every hidden unit starts with the same incoming weights, bias and outgoing weights, "
        f"so each computes the same z and a, gets the same δ back and the same gradient; one "
        f"step changes them alike, and so does every later one. After {STEPS} steps the "
        f"reference engine finds {answer} kind of hidden unit: every row of W1 is "
        f"({', '.join(show(v, 4) for v in row)}).",
        answer,
        [("training_breaks_symmetry", f"The weights do change, but every unit's change is the "
          f"same, so they never come apart: after {STEPS} steps the {sizes[1]} units are still "
          f"one unit copied.", sizes[1])],
    )


def first_layer_zero_units(rng):
    sizes = _sizes(rng)
    eta, seed = draw(rng, 0.5, 2.0), int(rng.integers(1000))
    weights, biases = init_network(sizes, seed)
    weights[0] = np.zeros_like(weights[0])
    answer = distinct_units(_trained(sizes, weights, biases, seed, eta))
    return numeric(
        f"A sigmoid network with sizes {sizes} starts with W1 = 0 and b1 = 0, but W2 drawn at "
        f"random as in ex29 (normal, divided by √{sizes[1]}), and b2 = 0. After {STEPS} steps "
        f"of gradient descent (η = {show(eta)}) on 20 random samples, how many different "
        f"hidden units does it have? {SAME}",
        f"The hidden units start with the same z and a, but not with the same outgoing "
        f"weights: the columns of W2 differ, so BP2 sends each a different δ = (W2ᵀ δ2) ⊙ σ′(z) "
        f"and the first step already gives their incoming weights different gradients. The "
        f"reference engine finds {answer} different hidden units of {sizes[1]} after {STEPS} "
        f"steps. Symmetry needs the units to be interchangeable everywhere.",
        answer,
        [("first_layer_decides", "A zero W1 gives every hidden unit the same input, but their "
          "outgoing weights (the columns of W2) differ, and so does the error each gets back: "
          "the first step tells them apart.", 1)],
    )


def which_starts_stay_symmetric(rng):
    sizes = _sizes(rng)
    eta, seed = draw(rng, 0.5, 2.0), int(rng.integers(1000))
    c = draw(rng, 0.1, 1.0)
    random_w, zero_b = init_network(sizes, seed)
    zero_w = [np.zeros_like(W) for W in random_w]
    starts = {
        "zeros": (zero_w, zero_b),
        "constant": _constant(sizes, c, c),
        "first_zero": ([zero_w[0], random_w[1]], zero_b),
        "random": (random_w, zero_b),
    }
    symmetric = {name: distinct_units(_trained(sizes, *start, seed, eta)) == 1
                 for name, start in starts.items()}
    texts = {
        "zeros": ("Every weight and every bias 0", None, ""),
        "constant": (f"Every weight {show(c)}, every bias 0", None, ""),
        "first_zero": ("W1 = 0 and b1 = 0, W2 random (ex29), b2 = 0", "first_layer_decides",
                       "The columns of W2 differ, so each hidden unit gets a different error "
                       "back, and the first step tells them apart."),
        "random": ("Every weight random (ex29), every bias 0", "zero_biases_are_symmetric",
                   "Equal biases do not make units equal: their random weights already make "
                   "each unit compute something different."),
    }
    return Choice(
        prompt=f"A sigmoid network with sizes {sizes}, trained for {STEPS} steps of gradient "
               f"descent. Which of these starts leave every hidden unit the same after the "
               f"{STEPS} steps? (Give every right letter.)",
        explanation="Trained by the reference engine: "
                    + "; ".join(f"{texts[name][0][0].lower()}{texts[name][0][1:]}: "
                                f"{'all the same' if same else 'different units'}"
                                for name, same in symmetric.items())
                    + ". The units stay the same exactly when they start interchangeable: the "
                      "same incoming weights, bias and outgoing weights.",
        options=[Option(texts[name][0], same, None if same else texts[name][1],
                        "" if same else texts[name][2])
                 for name, same in symmetric.items()],
    )


def why_units_stay_equal(rng):
    sizes = _sizes(rng)
    eta, seed = draw(rng, 0.5, 2.0), int(rng.integers(1000))
    zeros = [np.zeros((n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    net = _trained(sizes, zeros, [np.zeros((n, 1)) for n in sizes[1:]], seed, eta)
    moved = float(np.abs(net.weights[0]).max())
    return Choice(
        prompt=f"A sigmoid network with sizes {sizes} starts with every weight and bias 0. "
               f"After {STEPS} steps of gradient descent (η = {show(eta)}) its {sizes[1]} "
               f"hidden units are all still the same. Why?",
        explanation=f"Equal units see the same inputs through the same weights, so the same z "
                    f"and a; their outgoing weights are equal, so BP2 sends each the same δ; so "
                    f"their gradients are equal, and each step keeps them equal. The weights do "
                    f"move: after {STEPS} steps the largest |entry| of W1 is {show(moved, 4)}, "
                    f"and every row is the same.",
        options=[
            Option("Equal units get equal gradients, so each step changes them alike", True),
            Option("A weight that is 0 gets a gradient of 0, so nothing moves", False,
                   "zero_weights_get_no_gradient",
                   f"The weights do move: W2 gets a gradient at the first step (δ2 aᵀ with "
                   f"a = σ(0) = 0.5), W1 from the second on; after {STEPS} steps W1's largest "
                   f"|entry| is {show(moved, 4)}. They move alike in every unit."),
            Option("The sigmoids are saturated at z = 0, so σ′ is 0", False,
                   "saturated_at_zero",
                   "σ′(0) = 0.25 is the sigmoid's steepest slope: the units learn, but alike."),
            Option(f"η = {show(eta)} is too small to separate them", False, "step_too_small",
                   "No learning rate separates equal units: each step adds the same change to "
                   "each of them, whatever its size."),
        ],
    )
