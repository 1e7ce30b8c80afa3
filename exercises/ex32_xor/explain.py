"""The recipe on one seed, epoch by epoch, with what the two hidden units end up computing, next
to a zero start and η = 0.1 from the same seed, all by the reference engine."""

import numpy as np

from reference.layers import layer_forward
from reference.xor import EPOCHS, LEARNING_RATE, X_XOR, Y_XOR, outputs, recipe_start, train


def _row(A) -> str:
    return "  ".join(f"{a:.3f}" for a in np.ravel(A))


def _cost(weights, biases) -> float:
    return float(np.mean(0.5 * (outputs(weights, biases, X_XOR) - Y_XOR) ** 2))


def explain(rng: np.random.Generator) -> str:
    seed = int(rng.integers(0, 10_000))
    weights, biases = recipe_start(seed)
    lines = [f"XOR, the recipe from seed {seed}: η = {LEARNING_RATE:g}, all four samples per "
             "epoch.",
             "  outputs for (0, 0), (0, 1), (1, 0), (1, 1), and the cost:",
             f"  epoch {0:>4}: {_row(outputs(weights, biases, X_XOR))}   cost "
             f"{_cost(weights, biases):.4f}"]
    done = 0
    for epoch in (100, 250, 500, 1000, EPOCHS):
        weights, biases = train(weights, biases, X_XOR, Y_XOR, epoch - done)
        done = epoch
        lines.append(f"  epoch {epoch:>4}: {_row(outputs(weights, biases, X_XOR))}   cost "
                     f"{_cost(weights, biases):.4f}")
    _, hidden = layer_forward(weights[0], biases[0], X_XOR, "sigmoid")
    right = bool((np.abs(outputs(weights, biases, X_XOR) - Y_XOR) < 0.25).all())
    lines += [
        "  the hidden units at the end, for the same four inputs:",
        f"    unit 1: {_row(hidden[0])}",
        f"    unit 2: {_row(hidden[1])}",
        "  " + ("XOR right: every output within 0.25 of its target." if right else
                "Not XOR: this start fell into a local minimum (the grader never draws it)."),
        "",
        f"The same {EPOCHS} epochs from a zero start:",
    ]
    zeros = ([np.zeros((2, 2)), np.zeros((1, 2))], [np.zeros((2, 1)), np.zeros((1, 1))])
    weights, biases = train(*zeros, X_XOR, Y_XOR, EPOCHS)
    lines += [f"  outputs {_row(outputs(weights, biases, X_XOR))}; W1 = "
              f"{np.round(weights[0], 4).tolist()}: both hidden units the same, for good.",
              f"And from seed {seed}'s start with η = 0.1:"]
    weights, biases = train(*recipe_start(seed), X_XOR, Y_XOR, EPOCHS, learning_rate=0.1)
    lines.append(f"  outputs {_row(outputs(weights, biases, X_XOR))}: still on the flat "
                 "stretch around the start.")
    return "\n".join(lines)
