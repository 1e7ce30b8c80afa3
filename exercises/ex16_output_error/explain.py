"""`learn explain ex16`: a fresh BP1 for a sigmoid output layer, every number computed by the
reference engine (reference.layers)."""

from functools import partial

import numpy as np

from exercises.ex16_output_error.shapes import bp1
from grader.course.worked import grid, nonzero, show
from reference import layers
from reference.activations import sigmoid, sigmoid_prime

num = partial(show, digits=4, fixed=True)  # 4 decimals



def example(rng: np.random.Generator) -> tuple[list[str], list[dict]]:
    Z = nonzero(rng, -2.5, 2.5, (2, 2), 2, below=0.1, instead=0.3)
    A = sigmoid(Z)
    Y = np.round(rng.uniform(0.1, 0.9, size=(2, 2)), 1)
    delta = layers.output_error(Z, A, Y)
    j, i = int(rng.integers(2)), int(rng.integers(2))
    wrong = (A - Y) * sigmoid_prime(A)
    return [
        "BP1, sigmoid output layer:  δ^L = (A − Y) ⊙ σ′(Z), entry by entry",
        "2 output units (rows), m = 2 samples (columns).",
        "",
        *grid("Z         = ", Z, 2),
        *grid("A = σ(Z)  = ", A),
        *grid("Y         = ", Y, 1),
        "",
        "Factor 1, the cost's slope ∇_a C = A − Y (the ½ of the cost cancels the 2):",
        *grid("  A − Y            = ", A - Y),
        "Factor 2, the sigmoid's slope at z, σ′(Z) = A ⊙ (1 − A):",
        *grid("  σ′(Z)            = ", A * (1 - A)),
        "Multiply entry by entry (no matrix product, no 1/m):",
        *grid("  δ^L = (A − Y) ⊙ σ′(Z) = ", delta),
        "",
        f"By hand, unit {j + 1}, sample {i + 1}:",
        f"  (a − y) · a(1 − a) = ({num(A[j, i])} − {num(Y[j, i], digits=1)})"
        f" · {num(A[j, i])} · {num(1 - A[j, i])}",
        f"                     = {num(A[j, i] - Y[j, i])} · {num(A[j, i] * (1 - A[j, i]))}"
        f" = {num(delta[j, i])}",
        "  " + ("negative: a is below y, so a bigger z would lower the cost."
                if delta[j, i] < 0 else
                "positive: a is above y, so a smaller z would lower the cost."),
        "",
        "The slope belongs at z: σ′(A) = σ(A)(1 − σ(A)) would give",
        *grid("  (A − Y) ⊙ σ′(A)  = ", wrong),
        "  which is wrong: A has already been through the sigmoid once.",
        "",
        "The shapes: every factor has one row per output unit and one column per sample,",
        "so ⊙ pairs them entry by entry and δ^L has that shape too:",
    ], [bp1(*Z.shape)]
