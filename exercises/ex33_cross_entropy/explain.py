"""The cross-entropy's BP1 for a small output layer, entry by entry next to the quadratic one,
by the reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import matrix
from reference.activations import sigmoid, sigmoid_prime
from reference.beyond import output_error_cross_entropy, quadratic_output_error
from reference.costs import COSTS

mat = partial(matrix, suppress_small=True)  # tiny entries print as 0


def explain(rng: np.random.Generator) -> str:
    n, m = 3, 2
    Z = np.round(rng.uniform(-3, 3, (n, m)), 2)
    i, j = int(rng.integers(0, n)), int(rng.integers(0, m))
    Z[i, j] = np.round(rng.choice([-1, 1]) * rng.uniform(4.5, 6.5), 2)  # one saturated unit
    Y = np.zeros((n, m))
    Y[rng.integers(0, n, size=m), np.arange(m)] = 1.0
    Y[:, j] = 0.0
    Y[i, j] = 1.0 if Z[i, j] < 0 else 0.0  # ... and confidently wrong
    if Y[:, j].sum() == 0:
        Y[(i + 1) % n, j] = 1.0
    A = sigmoid(Z)
    dC_da = COSTS["cross_entropy"].derivative(A, Y)
    delta = output_error_cross_entropy(Z, A, Y)
    quadratic = quadratic_output_error(Z, A, Y)
    a, y, z = A[i, j], Y[i, j], Z[i, j]
    return "\n".join([
        f"An output layer of {n} sigmoid units, a batch of m = {m} samples (columns).",
        f"  Z = {mat(Z)}",
        f"  A = σ(Z) = {mat(A)}",
        f"  Y = {mat(Y)}",
        "",
        "Cross-entropy, BP1 as always: δ = ∂C/∂a ⊙ σ′(Z).",
        f"  ∂C/∂a = (A − Y) / (A(1 − A)) = {mat(dC_da)}",
        f"  σ′(Z) = A(1 − A)             = {mat(sigmoid_prime(Z))}",
        f"  δ = their product            = {mat(delta)}",
        f"  A − Y                        = {mat(A - Y)}   (the same: a(1 − a) cancels)",
        "",
        f"Unit {i + 1}, sample {j + 1} is saturated and wrong: z = {z:g}, a = {a:.4f}, "
        f"y = {y:g}.",
        f"  quadratic cost: δ = (a − y)·σ′(z) = {a - y:.4f} × {sigmoid_prime(z):.6f} "
        f"= {quadratic[i, j]:.6f}",
        f"  cross-entropy:  δ = a − y = {delta[i, j]:.4f}, "
        f"{abs(delta[i, j] / quadratic[i, j]):.0f} times larger",
        "  The quadratic cost hardly moves this unit's weights; the cross-entropy moves them most.",
    ])
