"""q20 · Triage: a symptom of failed training, and its most likely cause.

The outputs, costs and slopes shown come from the reference engine (reference.training_failures,
reference.xor, the softmax and cross-entropy written out with numpy); the rest of each scene (a
relative error, an accuracy) is drawn from rng. The wrong options are the other causes, each
with the detail of the scene that rules it out."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, show
from grader.grading.quiz import Choice, Option
from reference import digits, xor
from reference.activations import sigmoid
from reference.training_failures import mean_hidden_slope, neuron_run, saturated_share


def _row(values, digits_: int = 3) -> str:
    return ", ".join(show(v, digits_) for v in np.ravel(values))


def rising_cost(rng):
    x = draw(rng, 0.8, 2.0)
    y = draw(rng, -1.0, 1.0, avoid=(0.0,))
    w = draw(rng, -1.0, 1.0, avoid=(0.0,))
    while abs(w * x - y) < 0.2:
        w = draw(rng, -1.0, 1.0, avoid=(0.0,))
    factor = draw(rng, -2.2, -1.4)  # what one step multiplies the error a − y by
    eta = round((1 - factor) / (2 * x * x), 2)
    outputs, costs = neuron_run(w, x, y, eta, 5)
    ratio = costs[-1] / costs[-2]
    return Choice(
        prompt=f"One weight, a = w·x with x = {show(x)}, target y = {show(y)}, C = (a − y)², "
               f"η = {show(eta)}. The loop prints, step by step, a = {_row(outputs)} and "
               f"C = {_row(costs)}. What is the most likely cause?",
        explanation=f"a lands on the other side of y = {show(y)} at every step, each time further "
                    f"away: every step overshoots. A step multiplies the error a − y by "
                    f"1 − 2ηx² = {show(1 - 2 * eta * x * x, 3)}, and past −1 the error grows "
                    f"(the cost by {show(ratio, 3)} per step). η below 1/x² = "
                    f"{show(1 / (x * x), 3)} would converge; 1/(2x²) = {show(0.5 / (x * x), 3)} "
                    f"would land on y in one step.",
        options=[
            Option("η is too large: each step overshoots the target, to the other side and "
                   "further each time", True),
            Option("The update adds the gradient: every step goes uphill", False,
                   "blamed_gradient_ascent",
                   "Uphill steps would push a further away on the same side of y. Here a "
                   "crosses y at every step: the steps go the right way, but too far."),
            Option("Too few steps so far: the cost falls once training gets going", False,
                   "blamed_too_few_steps",
                   f"The cost grows by the same factor, {show(ratio, 3)}, at every step: more "
                   "steps only make it larger."),
            Option("Vanishing gradients: the steps are too small to make progress", False,
                   "blamed_vanishing_gradients",
                   "Vanishing gradients make a cost crawl, not grow. This one is multiplied at "
                   "every step: the steps are too large."),
        ],
    )


def _stuck_xor(rng, scene):
    seed = int(rng.integers(0, 10_000))
    if scene == "symmetric":
        zeros = ([np.zeros((2, 2)), np.zeros((1, 2))], [np.zeros((2, 1)), np.zeros((1, 1))])
        weights, biases = xor.train(*zeros, xor.X_XOR, xor.Y_XOR, xor.EPOCHS)
        detail = (f"W1 = {np.round(weights[0], 4).tolist()}: its two rows, the weights into the "
                  "two hidden units, are equal, and so are the two entries of b1")
        rate = xor.LEARNING_RATE
    else:
        rate = 0.1
        weights, biases = xor.train(*xor.recipe_start(seed), xor.X_XOR, xor.Y_XOR, xor.EPOCHS,
                                    learning_rate=rate)
        largest = max(float(np.abs(W).max()) for W in weights)
        detail = (f"W1 = {np.round(weights[0], 3).tolist()}: the two hidden units differ, and "
                  f"no weight is larger than {largest:.2g} in size")
    outputs = xor.outputs(weights, biases, xor.X_XOR)
    return (f"A 2-2-1 sigmoid network trained on XOR for {xor.EPOCHS} epochs with η = "
            f"{show(rate)} ends with the outputs {_row(outputs)} for (0, 0), (0, 1), (1, 0), "
            f"(1, 1), and {detail}.")


def _stuck_digits(rng):
    seed = int(rng.integers(0, 10_000))
    generator = np.random.default_rng(seed)
    sizes = digits.SIZES
    weights = [generator.random((n_out, n_in))
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [generator.random((n_out, 1)) for n_out in sizes[1:]]
    X, _ = digits.train_data()
    slope = mean_hidden_slope(weights, biases, X)
    share = saturated_share(weights, biases, X)
    return (f"A 64-30-10 network for the digits starts with every weight and bias drawn by "
            f"rng.random (uniform in [0, 1]). At the start, over the training images, the mean "
            f"σ′(z) of the 30 hidden units is {show(slope, 2)} and {share:.0%} of them have "
            f"σ′ < 0.01. After 30 epochs with η = 3 its accuracy is still around 10%.")


STUCK_CAUSES = {
    "symmetric": "The start was symmetric: hidden units that start equal get equal steps and "
                 "stay equal",
    "too_small": "η is far too small: the network has hardly left its start",
    "saturated": "The hidden units are saturated: σ′(z) ≈ 0 stops the error at BP2",
    "too_large": "η is too large: the steps overshoot",
}
STUCK_NAMES = {"symmetric": "blamed_symmetry", "too_small": "blamed_small_steps",
               "saturated": "blamed_saturation", "too_large": "blamed_large_steps"}
STUCK_WHY_NOT = {
    "symmetric": {"too_small": f"η = {xor.LEARNING_RATE:g} is the η that trains this network "
                               "from a random start. From an all-zero start every gradient is "
                               "exactly 0 (the four targets' errors cancel), so no η moves it, "
                               "and units that start equal stay equal anyway.",
                  "saturated": "A saturated unit has a near 0 or 1; these give 0.5, and σ′ is "
                               "1/4 there, as large as it gets.",
                  "too_large": "Overshooting makes the outputs jump and the cost grow; these "
                               "sit still at 0.5."},
    "too_small": {"symmetric": "The two hidden units differ: the start was random.",
                  "saturated": "Weights this small keep every z small, where σ′ is near its "
                               "largest, 1/4.",
                  "too_large": "η = 0.1 is small for this network: its outputs hardly moved."},
    "saturated": {"symmetric": "Units drawn by rng.random start different: the start is "
                               "random, only far too large (and all positive).",
                  "too_small": "η = 3 trains this network from a good start; here the error "
                               "cannot pass back, whatever η.",
                  "too_large": "η = 3 is the η that works for the digits; the problem is the "
                               "start: every z is large."},
}


def stuck_outputs(rng):
    scene = ["symmetric", "too_small", "saturated"][int(rng.integers(3))]
    text = _stuck_digits(rng) if scene == "saturated" else _stuck_xor(rng, scene)
    explanations = {
        "symmetric": "Equal hidden units compute the same a, get the same δ and the same step, "
                     "so they never differ: one unit cannot compute XOR. Start at random.",
        "too_small": "From a small random start the network sits on a flat stretch where "
                     "every output is 0.5; η = 0.1 would need many thousands of epochs to leave "
                     "it. η = 8 leaves it in a few hundred.",
        "saturated": "With every weight positive, z sums 64 positive terms: far from 0, where "
                     "σ′ ≈ 0, so BP2 passes almost no error back and W1 hardly moves. Start "
                     "with rng.standard_normal((n_out, n_in)) / √n_in.",
    }
    options = [Option(STUCK_CAUSES[scene], True)]
    for cause, why in STUCK_WHY_NOT[scene].items():
        options.append(Option(STUCK_CAUSES[cause], False, STUCK_NAMES[cause], why))
    return Choice(prompt=f"{text} What is the most likely cause?",
                  explanation=explanations[scene], options=options)


def nan_cost(rng):
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if rng.integers(2) == 0:
            z = np.array([draw(rng, 690.0, 730.0) for _ in range(3)])
            z[int(rng.integers(3))] = draw(rng, 712.0, 740.0)
            exps = np.exp(z)
            result = exps / exps.sum()
            scene = "overflow"
            text = (f"An output layer of 3 softmax units gets z = {_row(z, 5)}. The code "
                    f"computes np.exp(z) / np.exp(z).sum(): np.exp(z) = {_row(exps, 3)}, and "
                    f"the result is {_row(result)}.")
        else:
            z = draw(rng, 37.0, 60.0)
            a = float(sigmoid(z))
            y = 1.0
            cost = -(y * np.log(a) + (1 - y) * np.log(1 - a))
            scene = "log_zero"
            text = (f"A sigmoid output unit has z = {show(z)}, so a = σ(z) = {a!r} in float64, "
                    f"and the target is y = 1. The cost is computed as −(y·np.log(a) + "
                    f"(1 − y)·np.log(1 − a)), and it prints {cost}.")
    causes = {
        "overflow": "np.exp overflowed: e^z is inf beyond z ≈ 709.8, and inf / inf is NaN",
        "log_zero": "A log of 0: 1 − a is exactly 0, so np.log gives −inf, and 0 · (−inf) is "
                    "NaN",
    }
    fixes = {
        "overflow": "Subtract the largest z before np.exp: softmax(z − max z) = softmax(z), "
                    "and the largest exponent becomes e^0 = 1.",
        "log_zero": "Compute the cost from z, or keep a away from 0 and 1 (np.clip); and a "
                    "term whose weight is 0 should be left out, not multiplied by −inf.",
    }
    other = "log_zero" if scene == "overflow" else "overflow"
    options = [
        Option(causes[scene], True),
        Option(causes[other], False, "blamed_the_other_overflow",
               "Not this time: " + ("no log appears in a softmax." if scene == "overflow" else
                                    f"z = {show(z)} is far below 709, and no exp overflows "
                                    "in σ for a positive z.")),
        Option("η is too small, so the cost underflows to NaN", False, "blamed_small_steps",
               "A small η makes training slow, never NaN: an underflow gives 0, not NaN."),
        Option("The gradients vanished to 0, and 0/0 is NaN", False,
               "blamed_vanishing_gradients",
               "The NaN is in the forward computation of this one value, before any gradient "
               "is taken."),
    ]
    return Choice(prompt=f"{text} Where does the NaN come from?",
                  explanation=f"{causes[scene]}. {fixes[scene]}", options=options)


SCENES = {
    "not_applied": ("The weights after training are exactly the weights it started with.",
                    "The update is never applied: the new weights are computed and dropped "
                    "(sgd_step(...) called, its result not assigned)"),
    "misaligned": ("The training cost hardly falls, and on the training images it is about "
                   "10% right too. Each epoch, the loop shuffles the columns of X_train with "
                   "a permutation of its own; Y_train keeps its order.",
                   "Inputs and targets no longer line up: image i is trained towards the "
                   "label of another image"),
    "wrong_labels": ("On the training images the same network is {train}% right.",
                     "The evaluation is wrong: the predictions are compared with the labels "
                     "of other images (or the test labels are in another order)"),
}
SCENE_NAMES = {"not_applied": "blamed_the_update", "misaligned": "blamed_the_data",
               "wrong_labels": "blamed_the_evaluation"}


def gradients_right_answers_wrong(rng):
    scene = list(SCENES)[int(rng.integers(3))]
    error = float(f"{10 ** rng.uniform(-10, -8):.1e}")
    accuracy = draw(rng, 8.0, 12.0)
    train = draw(rng, 97.0, 99.5)
    detail, cause = SCENES[scene]
    detail = detail.format(train=show(train))
    why_not = {
        "not_applied": {
            "misaligned": "Misaligned targets would still move the weights; yours never moved.",
            "wrong_labels": "A wrong evaluation would not stop the weights moving; yours never "
                            "moved."},
        "misaligned": {
            "not_applied": "Then the training images would be no better than chance either, "
                           "and the cost would not move at all; here it hardly falls.",
            "wrong_labels": "The network is at chance on its own training images too: the "
                            "training itself fails, not only the evaluation."},
        "wrong_labels": {
            "not_applied": f"A network that never moved would not read {show(train)}% of its "
                           "training images right.",
            "misaligned": f"A network trained on misaligned targets could not read "
                          f"{show(train)}% of its training images right."},
    }[scene]
    options = [Option(cause, True)]
    for other, why in why_not.items():
        options.append(Option(SCENES[other][1], False, SCENE_NAMES[other], why))
    options.append(Option("A bug in backprop: some gradient must still be wrong", False,
                          "blamed_backprop",
                          f"The gradient check compares backprop with nudges of the cost, and "
                          f"a relative error of {error:.1e} says they agree: backprop is right. "
                          f"The bug is in what is done with its gradients, or in the data."))
    return Choice(
        prompt=f"Your gradient check passes: the relative error is {error:.1e} on every layer. "
               f"But after 30 epochs the digits network reads {show(accuracy)}% of the test "
               f"images right. {detail} What is the most likely cause?",
        explanation=f"{cause}. A gradient check tests backprop alone, on whatever data it is "
                    "given: a loop that drops the update, targets that no longer match their "
                    "inputs and an evaluation against the wrong labels all pass it.",
        options=options,
    )


CAUGHT = [
    "BP2 written with W^(l+1) where its transpose belongs (on a square W)",
    "σ′ taken at the activations a instead of at z",
    "∂C/∂W missing the 1/m while the cost is the mean over the batch",
    "BP1 written as y − a instead of a − y",
]
NOT_CAUGHT = [
    ("The SGD step adds η times the gradient instead of subtracting it", "check_sees_the_step",
     "The check compares the gradients, not the step taken with them: a right gradient used "
     "the wrong way passes it."),
    ("The training loop calls sgd_step but never keeps the weights it returns",
     "check_sees_the_loop", "The check never runs the training loop: backprop's gradients are "
     "right even if nobody applies them."),
    ("η = 100", "check_sees_the_learning_rate",
     "η is not part of the gradient: the check passes for any η, too large or too small."),
    ("The columns of X shuffled each epoch without the columns of Y", "check_sees_the_data",
     "The check nudges the cost of whatever batch it gets: with misaligned targets, backprop "
     "and the nudges agree on the gradient of the wrong cost."),
]


def what_a_gradient_check_catches(rng):
    caught = [CAUGHT[i] for i in sorted(rng.choice(len(CAUGHT), size=2, replace=False))]
    missed = [NOT_CAUGHT[i] for i in sorted(rng.choice(len(NOT_CAUGHT), size=2, replace=False))]
    options = [Option(text, True) for text in caught]
    options += [Option(text, False, name, why) for text, name, why in missed]
    return Choice(
        prompt="A gradient check compares backprop's gradients with nudges of the cost "
               "(C(w + h) − C(w − h)) / 2h. Which of these bugs does it catch? (All that "
               "apply, as A,C.)",
        explanation="It catches every bug in backprop itself, because the nudges measure the "
                    "true gradient of the cost the code computes. It cannot see anything done "
                    "after the gradients (the step, the loop, η) or before them (the data): "
                    "there the gradients are right and the training still fails.",
        options=options,
    )
