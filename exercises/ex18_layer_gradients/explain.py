"""`learn explain ex18`: a fresh BP4 and BP3 for one layer and a batch, every number computed by
the reference engine (reference.layers)."""

from functools import partial

import numpy as np

from exercises.ex18_layer_gradients.shapes import bp3, bp4
from grader.course.worked import factor, grid, nonzero, show
from reference import layers

num = partial(show, digits=4, fixed=True)  # 4 decimals
term = partial(factor, digits=4, fixed=True)



def example(rng: np.random.Generator) -> tuple[list[str], list[dict]]:
    delta = nonzero(rng, -0.3, 0.3, (2, 2), 2, below=0.05)
    A_prev = np.round(rng.uniform(0.05, 0.95, size=(3, 2)), 2)
    m = delta.shape[1]
    dW, db = layers.layer_gradients(delta, A_prev)
    total = delta @ A_prev.T
    j, k = int(rng.integers(2)), int(rng.integers(3))
    return [
        "BP4 and BP3, averaged over the batch:  dW = δ A_prevᵀ / m,  db = mean of δ per row",
        "A layer of 2 units fed by 3 units; m = 2 samples (columns).",
        "",
        *grid("delta  = ", delta, 2),
        *grid("A_prev = ", A_prev, 2),
        "",
        "The matrix product adds up δ_j · a_k over the samples:",
        *grid("  delta @ A_prev.T = ", total),
        f"  entry ({j + 1}, {k + 1}), the weight from unit {k + 1} into unit {j + 1}:",
        f"    {num(delta[j, 0], digits=2)} · {num(A_prev[k, 0], digits=2)}"
        f" + {term(delta[j, 1], digits=2)} · {num(A_prev[k, 1], digits=2)} = {num(total[j, k])}",
        f"Divide by m = {m} for the mean over the batch (shape of W: 2 × 3):",
        *grid("  dW = ", dW),
        "",
        "The bias: the error itself, averaged over the samples, kept as a column (2, 1):",
        f"  row 1: ({num(delta[0, 0], digits=2)} + {term(delta[0, 1], digits=2)}) / 2"
        f" = {num(db[0, 0])}",
        f"  row 2: ({num(delta[1, 0], digits=2)} + {term(delta[1, 1], digits=2)}) / 2"
        f" = {num(db[1, 0])}",
        *grid("  db = ", db),
        "",
        "Forget the 1/m and both are m times too big: the cost is a mean, so its",
        "gradients are means too. δ itself stays per sample (no 1/m there).",
        "",
        "The shapes: the m columns of δ meet the m rows of A_prevᵀ and are summed away,",
        "leaving a unit × input grid like W; the mean over the columns leaves a column like b:",
    ], [bp4(*delta.shape, n_prev=A_prev.shape[0]), bp3(*delta.shape)]
