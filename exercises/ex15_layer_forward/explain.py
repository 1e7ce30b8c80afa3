"""A worked forward pass of one layer for a small batch, computed by the reference engine."""

import numpy as np

from reference.layers import layer_forward


def _matrix(name, value):
    rows = np.array2string(np.round(value, 4), separator=", ").splitlines()
    return "\n".join([f"    {name} = {rows[0]}"] + [" " * (len(name) + 7) + r for r in rows[1:]])


def explain(rng: np.random.Generator) -> str:
    W = np.round(rng.uniform(-1, 1, (2, 3)), 1)
    b = np.round(rng.uniform(-0.5, 0.5, (2, 1)), 1)
    A_prev = np.round(rng.uniform(-2, 2, (3, 2)), 1)
    Z, A = layer_forward(W, b, A_prev, "sigmoid")
    products = " + ".join(f"({W[0, k]:g})·({A_prev[k, 0]:g})" for k in range(3))
    lines = [
        "One sigmoid layer, 3 inputs -> 2 units, a batch of m = 2 samples (columns).",
        "",
        _matrix("W", W), _matrix("b", b), _matrix("A_prev", A_prev),
        "",
        "Z = W @ A_prev + b: entry (j, i) is unit j's weighted sum for sample i.",
        f"  unit 1, sample 1: {products} + ({b[0, 0]:g}) = {Z[0, 0]:.4f}",
        _matrix("Z", Z),
        "",
        "A = σ(Z), entry by entry, σ(z) = 1 / (1 + e^(−z)):",
        f"  σ({Z[0, 0]:.4f}) = {A[0, 0]:.4f}",
        _matrix("A", A),
        "",
        f"Shapes: W {W.shape} @ A_prev {A_prev.shape} -> Z {Z.shape}; b {b.shape} is added "
        "to every column.",
    ]
    return "\n".join(lines)
