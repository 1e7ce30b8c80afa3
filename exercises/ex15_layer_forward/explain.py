"""A worked forward pass of one layer for a small batch, computed by the reference engine."""

import numpy as np

from grader.course.worked import matrix
from reference.layers import layer_forward


def explain(rng: np.random.Generator) -> str:
    W = np.round(rng.uniform(-1, 1, (2, 3)), 1)
    b = np.round(rng.uniform(-0.5, 0.5, (2, 1)), 1)
    A_prev = np.round(rng.uniform(-2, 2, (3, 2)), 1)
    Z, A = layer_forward(W, b, A_prev, "sigmoid")
    products = " + ".join(f"({W[0, k]:g})·({A_prev[k, 0]:g})" for k in range(3))
    lines = [
        "One sigmoid layer, 3 inputs -> 2 units, a batch of m = 2 samples (columns).",
        "",
        matrix(W, label="    W = ", one_line=False),
        matrix(b, label="    b = ", one_line=False),
        matrix(A_prev, label="    A_prev = ", one_line=False),
        "",
        "Z = W @ A_prev + b: entry (j, i) is unit j's weighted sum for sample i.",
        f"  unit 1, sample 1: {products} + ({b[0, 0]:g}) = {Z[0, 0]:.4f}",
        matrix(Z, label="    Z = ", one_line=False),
        "",
        "A = σ(Z), entry by entry, σ(z) = 1 / (1 + e^(−z)):",
        f"  σ({Z[0, 0]:.4f}) = {A[0, 0]:.4f}",
        matrix(A, label="    A = ", one_line=False),
        "",
        f"Shapes: W {W.shape} @ A_prev {A_prev.shape} -> Z {Z.shape}; b {b.shape} is added "
        "to every column.",
    ]
    return "\n".join(lines)
