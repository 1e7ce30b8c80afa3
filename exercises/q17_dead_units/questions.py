"""q17 · Dead ReLU units: z ≤ 0 for every input, so relu′ = 0 and every gradient is 0.

Every number shown is drawn from rng; right answers come from reference.training_start
(dead_units, relu_hidden_error, train_from) and reference.activations; the slips are the same
values put through the wrong rule."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, listed, nonzero, show
from grader.grading.quiz import Choice, Option, numeric
from reference.activations import relu, sigmoid_prime
from reference.training_start import dead_units, relu_hidden_error, train_from

STEPS = 100


def _rows(Z) -> str:
    return "; ".join(f"unit {i + 1}: {listed(row, brackets='()')}" for i, row in enumerate(Z))


def count_dead(rng):
    n, m = int(rng.integers(4, 7)), int(rng.integers(4, 6))
    while True:
        Z = nonzero(rng, -2.0, 2.0, (n, m), 1)
        off = rng.choice(n, size=int(rng.integers(1, 3)), replace=False)
        Z[off] = -np.abs(Z[off])
        dead = dead_units(Z)
        mixed = (Z <= 0).any(axis=1) & ~dead
        if mixed.any() and (~dead & ~mixed).any():
            break
    answer = int(dead.sum())
    names = ", ".join(str(i + 1) for i in np.flatnonzero(dead))
    return numeric(
        f"A ReLU layer of {n} units on a batch of {m} samples has these weighted inputs z, "
        f"one row per unit: {_rows(Z)}. How many of its units are dead on this batch, with a "
        f"gradient of exactly 0 from every sample?",
        f"A unit is dead on the batch when z ≤ 0 for every sample: relu′(z) = 0 on all of "
        f"them, so its δ and its gradients are 0. That is unit{'s' * (answer > 1)} {names}: "
        f"{answer}. A unit with z > 0 for even one sample still learns from that sample.",
        answer,
        [("off_for_some_is_dead", "You counted every unit with z ≤ 0 for some sample. A unit "
          "that is off for some samples still learns from the others, where relu′(z) = 1; "
          "it is dead only when z ≤ 0 for every sample.", int((Z <= 0).any(axis=1).sum())),
         ("counted_entries", "You counted the entries with z ≤ 0, one per unit and sample. "
          "Dead is a property of a unit (a row): z ≤ 0 for every sample.",
          int((Z <= 0).sum()))],
    )


def bias_gradient(rng):
    m = 4
    while True:
        z = nonzero(rng, -2.0, 2.0, m, 1, below=0.2)
        if 1 <= (z > 0).sum() <= m - 1:
            break
    back = nonzero(rng, -1.0, 1.0, m, 2, below=0.05)
    delta = relu_hidden_error(np.ones((1, 1)), back[None, :], z[None, :])[0]
    answer = float(delta.mean())
    on = np.flatnonzero(z > 0)
    return numeric(
        f"Unit k of a ReLU layer has z = {listed(z, brackets='()')} on a batch of {m} samples, "
        f"and the layer above sends it the errors ((W^(l+1))ᵀ δ^(l+1))_k = "
        f"{listed(back, brackets='()')}. What is ∂C/∂b_k, the mean of its δ over the batch?",
        f"δ_k = ((W^(l+1))ᵀ δ^(l+1))_k ⊙ relu′(z), and relu′ is 1 only for the samples with "
        f"z > 0 (sample{'s' * (len(on) > 1)} {', '.join(str(i + 1) for i in on)}): "
        f"δ_k = {listed(delta, brackets='()')}, whose mean over the {m} samples is "
        f"{show(answer)}.",
        answer,
        [("no_relu_mask", "That is the mean of the errors sent back, with no ReLU slope: as if "
          "relu′ were 1 for z ≤ 0 too. Where z ≤ 0 the ReLU is flat and the error stops.",
          float(back.mean())),
         ("sigmoid_prime_instead", "You multiplied by σ′(z), the sigmoid's slope. A ReLU's "
          "slope is 1 where z > 0 and 0 elsewhere.", float((back * sigmoid_prime(z)).mean())),
         ("mask_inverted", "You kept the samples with z ≤ 0 and dropped the others: the mask "
          "is the wrong way round. relu′(z) = 1 where z > 0.",
          float((back * (z <= 0)).mean())),
         ("times_activation", "You multiplied by relu(z), the ReLU's value, where its slope "
          "belongs: relu′(z) is 1 for z > 0, not z.", float((back * relu(z)).mean()))],
        rtol=1e-3,
    )


def dead_after_training(rng):
    hidden = int(rng.integers(3, 6))
    k = int(rng.integers(hidden))
    while True:
        W1 = nonzero(rng, -1.0, 1.0, (hidden, 2), 1)
        b1 = nonzero(rng, 0.1, 0.5, (hidden, 1), 1)
        # z = w·x + b with every x in [0, 1]²: at most the positive weights plus b.
        b1[k, 0] = -(np.maximum(W1[k], 0).sum() + draw(rng, 0.1, 0.5))
        X = rng.uniform(0.0, 1.0, (2, 8))
        if (W1 @ X + b1)[np.arange(hidden) != k].max() > 0.1:
            break
    W2 = nonzero(rng, -1.0, 1.0, (1, hidden), 1)
    b2 = np.zeros((1, 1))
    Y = rng.uniform(0.1, 0.9, (1, 8))
    eta = draw(rng, 0.5, 2.0)
    nets = train_from([W1, W2], [b1, b2], X, Y, STEPS, eta, ["relu", "sigmoid"])
    answer = float(nets[-1].biases[0][k, 0])
    moved = [j for j in range(hidden) if j != k
             and abs(nets[-1].biases[0][j, 0] - b1[j, 0]) > 1e-6]
    w, b = W1[k], float(b1[k, 0])
    other = (f" Unit {moved[0] + 1}'s bias, by contrast, went from {show(b1[moved[0], 0])} to "
             f"{show(nets[-1].biases[0][moved[0], 0], 4)}." if moved else "")
    return numeric(
        f"A network with 2 inputs, each between 0 and 1, a ReLU hidden layer of {hidden} units "
        f"and one sigmoid output. Hidden unit {k + 1} has the weights ({show(w[0])}, "
        f"{show(w[1])}) and the bias b = {show(b)}. The network is trained for {STEPS} steps of "
        f"gradient descent (η = {show(eta)}) on 8 samples. What is unit {k + 1}'s bias after "
        f"the {STEPS} steps?",
        f"For any input in [0, 1]², z = {show(w[0])}·x₁ + {show(w[1])}·x₂ + ({show(b)}) is at "
        f"most {show(np.maximum(w, 0).sum() + b)} < 0: the unit is dead on every sample, so "
        f"relu′(z) = 0, its δ is 0 and its bias gradient is 0 at every step. The bias stays "
        f"{show(answer)} (the reference engine, run for {STEPS} steps, agrees).{other}",
        answer,
        rtol=1e-3,
    )


def what_revives(rng):
    return Choice(
        prompt="A ReLU unit of the first hidden layer is dead on the whole training set: z ≤ 0 "
               "for every training input. Training goes on with plain gradient descent. What "
               "will bring it back?",
        explanation="Its gradients are exactly 0 at every step: relu′(z) = 0 on every sample "
                    "zeroes its δ, and with it the gradients of its weights and bias (and of "
                    "its outgoing weights, since its a is 0). Its inputs are the data, which do "
                    "not change, so it stays dead. (A unit deeper in the network can come back "
                    "if the layers below it change what it receives.) The usual remedies act "
                    "before this happens: a smaller learning rate, a start that leaves units on, "
                    "or a leaky ReLU whose slope for z ≤ 0 is small but not 0.",
        options=[
            Option("Nothing: its weights and bias get a gradient of 0 at every step", True),
            Option("More steps: its gradient is small and adds up over time", False,
                   "waits_it_out",
                   "Its gradient is not small but exactly 0, so it adds up to 0 however long "
                   "you train."),
            Option("A larger learning rate", False, "bigger_step_revives",
                   "η times a gradient of 0 is still 0: the step is 0 whatever η is."),
            Option("A large error in the layer above, which flows back into it", False,
                   "error_flows_through",
                   "BP2 multiplies what the layer above sends by relu′(z), which is 0 for every "
                   "sample: however large the error above, its δ is 0."),
        ],
    )
