"""q12 · The mini-batch SGD step: W − η·∂C/∂W with batch-averaged gradients.

Every number shown is drawn from rng; right answers come from reference.layers (layer_gradients)
and reference.network (sgd_step); the slips are the same values put through the wrong
formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, listed, show
from grader.grading.quiz import Choice, Option, numeric
from reference import layers


def _batch(rng):
    """One unit's δ over m samples and one input's activations, and a step that matters."""
    m = int(rng.integers(2, 4))
    while True:
        delta = np.array([[draw(rng, -0.5, 0.5, digits=2, avoid=(0.0,)) for _ in range(m)]])
        a = np.array([[draw(rng, -1.0, 2.0, avoid=(0.0,)) for _ in range(m)]])
        if abs(float(np.mean(delta * a))) > 0.02 and abs(float(np.mean(delta))) > 0.02:
            return m, delta, a


def weight_after_a_step(rng):
    m, delta, a = _batch(rng)
    w = draw(rng, -1.0, 1.0, avoid=(0.0,))
    eta = draw(rng, 0.5, 3.0)
    grad = float(layers.layer_gradients(delta, a)[0][0, 0])
    answer = w - eta * grad
    return numeric(
        f"A mini-batch of m = {m} samples. A weight w_11 = {show(w)} feeds unit 1, whose errors "
        f"are δ_1 = {listed(delta, brackets='()')}, from the input unit with activations a_1 = "
        f"{listed(a, brackets='()')}. What is w_11 after one SGD step with η = {show(eta)}? "
        f"(4 significant digits)",
        f"∂C/∂w_11 = mean over the samples of a_1 δ_1 = {show(grad)}. The step: "
        f"w − η · ∂C/∂w = {show(w)} − {factor(eta)} · {factor(grad)} = {show(answer)}.",
        answer,
        [("gradient_ascent", "You added the gradient: that steps uphill. W − η ∂C/∂W goes "
          "against it, as for the single weight of ex05.", w + eta * grad),
         ("no_batch_average", f"Your gradient is the SUM over the {m} samples. The cost is the "
          f"mean over the batch, so its gradient is the mean: divide the sum by m = {m}.",
          w - eta * m * grad),
         ("divided_by_batch_again", f"You divided by m = {m} twice: the mean already has the "
          f"1/m. (Nielsen writes η/m because his gradients are sums.)",
          w - eta * grad / m)],
    )


def bias_after_a_step(rng):
    m, delta, a = _batch(rng)
    b = draw(rng, -1.0, 1.0, avoid=(0.0,))
    eta = draw(rng, 0.5, 3.0)
    grad = float(layers.layer_gradients(delta, a)[1][0, 0])
    answer = b - eta * grad
    return numeric(
        f"A mini-batch of m = {m} samples. Unit 1 has the bias b_1 = {show(b)} and the errors "
        f"δ_1 = {listed(delta, brackets='()')}, one per sample. What is b_1 after one SGD step "
        f"with η = {show(eta)}? (4 significant digits)",
        f"∂C/∂b_1 = mean of δ_1 = {show(grad)}. The step: b − η · ∂C/∂b = {show(b)} − "
        f"{show(eta)} · {factor(grad)} = {show(answer)}.",
        answer,
        [("gradient_ascent", "You added the gradient: that steps uphill. b − η ∂C/∂b goes "
          "against it.", b + eta * grad),
         ("db_summed", f"Your gradient is the SUM of δ over the {m} samples. Average it: divide "
          f"by m = {m}.", b - eta * m * grad),
         ("biases_not_updated", "The bias did not move. Every parameter with a gradient takes "
          "a step: b − η ∂C/∂b as well as W − η ∂C/∂W.", b)],
    )


def _sum_against_mean(rng):
    """(ratio, m): the summed gradient δ Aᵀ over the engine's averaged one, on random numbers."""
    m = int(rng.integers(8, 129))
    delta, A = rng.standard_normal((2, m)), rng.standard_normal((3, m))
    averaged, _ = layers.layer_gradients(delta, A)
    return float((delta @ A.T)[0, 0] / averaged[0, 0]), m


def summed_gradients_rate(rng):
    ratio, m = _sum_against_mean(rng)
    eta = draw(rng, 0.05, 0.5, digits=2)
    answer = eta * ratio
    return numeric(
        f"Your backprop SUMS the per-sample gradients over a mini-batch of m = {m} instead of "
        f"averaging them, and you step with η = {show(eta)}. Compared with the right "
        f"(averaged) code, that is the same as stepping with which learning rate?",
        f"The sum of m per-sample gradients is m times their mean, so every step is {m} times "
        f"longer: η · m = {show(eta)} · {m} = {show(answer)}. A learning rate tuned for one batch "
        f"size breaks when the batch changes (the capstone's η = 3 with sums of 10 would be "
        f"η = 30).",
        answer,
        [("sum_equals_mean", f"The sum is not the mean: it is m = {m} times bigger, and so is "
          f"every step.", eta),
         ("divided_by_batch_again", "The other way round: a sum is m times BIGGER than the "
          "mean, so the effective rate is η · m, not η / m.", eta / ratio)],
    )


def doubling_the_batch(rng):
    ratio, m = _sum_against_mean(rng)
    return Choice(
        prompt=f"Your backprop SUMS the per-sample gradients instead of averaging them. You "
               f"double the mini-batch from {m} to {2 * m} samples and keep η. What happens?",
        explanation=f"A sum of {2 * m} similar terms is about twice a sum of {m}: every step "
                    f"about doubles, as if η had doubled. The mean of {2 * m} terms is about the "
                    f"mean of {m}: with averaged gradients (this course's), η keeps its meaning "
                    f"whatever the batch size.",
        options=[
            Option("Every step gets about twice as long, as if η had doubled", True),
            Option("With averaged gradients instead, the steps would keep about the same size",
                   True),
            Option("Nothing: the steps keep about the same size", False, "sum_equals_mean",
                   f"A sum grows with the number of terms: {2 * m} per-sample gradients add up "
                   f"to about twice what {m} do. Only the mean stays about the same."),
            Option("Every step gets about half as long", False, "divided_by_batch_again",
                   "Halving would come from dividing by the batch size, which a sum does not "
                   "do: more terms make the sum bigger."),
        ],
    )
