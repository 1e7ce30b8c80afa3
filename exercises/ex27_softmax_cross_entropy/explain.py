"""The softmax's cost and δ for a small batch with one confidently wrong sample, next to what
the unguarded ln gives, by the reference engine (reference.softmax)."""

import numpy as np

from grader.course.worked import grid, show
from reference import softmax as sm


def explain(rng: np.random.Generator) -> str:
    n, m = 3, 2
    Z = np.round(rng.normal(0.0, 1.5, size=(n, m)), 1)
    labels = rng.integers(0, n, size=m)
    Y = np.zeros((n, m))
    Y[labels, np.arange(m)] = 1.0
    wrong = int(rng.integers(m))
    t = int(labels[wrong])
    other = int(rng.choice([k for k in range(n) if k != t]))
    gap = float(rng.integers(380, 480))
    Z[t, wrong], Z[other, wrong] = -gap, gap
    A = sm.softmax(Z)
    log_A = sm.log_softmax(Z)
    cost, delta = sm.softmax_cross_entropy(Z, Y)
    per_sample = -(Y * log_A).sum(axis=0)
    right = 1 - wrong
    jac = sm.softmax_jacobian(Z[:, right])
    dC_da = -Y[:, right] / A[:, right]
    return "\n".join([
        f"{n} classes, m = {m} samples; sample {wrong + 1} is confidently wrong.",
        *grid("  Z = ", Z, 1),
        *grid("  Y = ", Y, 0),
        *grid("  A = softmax(Z) = ", A),
        "",
        "The cost from log-softmax, ln a = (Z − max) − ln Σ e^(Z − max):",
        *grid("  ln A = ", log_A),
        "  per sample −Σ y ln a = " + ", ".join(show(c, 4, fixed=True) for c in per_sample),
        f"  cost = their mean = {show(cost, 4, fixed=True)}",
        f"  (ln of the softmax's {show(A[t, wrong])} would be −inf, and the cost inf.)",
        "",
        f"δ for sample {right + 1} through the full Jacobian ∂a_i/∂z_j = a_i(1[i = j] − a_j):",
        *grid("  Jacobian = ", jac),
        "  ∂C/∂a    = " + ", ".join(show(v, 4, fixed=True) for v in dC_da),
        "  δ_j = Σ_i ∂C/∂a_i · ∂a_i/∂z_j = " + ", ".join(
            show(v, 4, fixed=True) for v in jac.T @ dC_da),
        *grid("  δ^L = A − Y = ", delta),
    ])
