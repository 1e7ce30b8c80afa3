"""`learn explain ex18`: a fresh BP4 and BP3 for one layer and a batch, every number computed by
the reference engine (reference.layers)."""

import numpy as np

from reference import layers


def num(value, decimals: int = 4) -> str:
    text = f"{float(value):.{decimals}f}"
    return "0" if float(text) == 0 else text.replace("-", "−")


def term(value, decimals: int = 4) -> str:
    """A number inside a formula: negatives in brackets."""
    text = num(value, decimals)
    return f"({text})" if text.startswith("−") else text


def grid(label: str, M, decimals: int = 4) -> list[str]:
    """A matrix, one row per line, columns aligned; the label on the first row."""
    cells = [[num(v, decimals) for v in row] for row in np.atleast_2d(M)]
    width = max(len(c) for row in cells for c in row)
    pad = " " * len(label)
    return [f"{label if i == 0 else pad}[ {'  '.join(c.rjust(width) for c in row)} ]"
            for i, row in enumerate(cells)]


def nonzero(rng: np.random.Generator, low: float, high: float, shape) -> np.ndarray:
    values = np.round(rng.uniform(low, high, size=shape), 2)
    return np.where(np.abs(values) < 0.05, 0.1, values)


def explain(rng: np.random.Generator) -> str:
    delta = nonzero(rng, -0.3, 0.3, (2, 2))
    A_prev = np.round(rng.uniform(0.05, 0.95, size=(3, 2)), 2)
    m = delta.shape[1]
    dW, db = layers.layer_gradients(delta, A_prev)
    total = delta @ A_prev.T
    j, k = int(rng.integers(2)), int(rng.integers(3))
    return "\n".join([
        "BP4 and BP3, averaged over the batch:  dW = δ A_prevᵀ / m,  db = mean of δ per row",
        "A layer of 2 units fed by 3 units; m = 2 samples (columns).",
        "",
        *grid("delta  = ", delta, 2),
        *grid("A_prev = ", A_prev, 2),
        "",
        "The matrix product adds up δ_j · a_k over the samples:",
        *grid("  delta @ A_prev.T = ", total),
        f"  entry ({j + 1}, {k + 1}), the weight from unit {k + 1} into unit {j + 1}:",
        f"    {num(delta[j, 0], 2)} · {num(A_prev[k, 0], 2)} + {term(delta[j, 1], 2)}"
        f" · {num(A_prev[k, 1], 2)} = {num(total[j, k])}",
        f"Divide by m = {m} for the mean over the batch (shape of W: 2 × 3):",
        *grid("  dW = ", dW),
        "",
        "The bias: the error itself, averaged over the samples, kept as a column (2, 1):",
        f"  row 1: ({num(delta[0, 0], 2)} + {term(delta[0, 1], 2)}) / 2 = {num(db[0, 0])}",
        f"  row 2: ({num(delta[1, 0], 2)} + {term(delta[1, 1], 2)}) / 2 = {num(db[1, 0])}",
        *grid("  db = ", db),
        "",
        "Forget the 1/m and both are m times too big: the cost is a mean, so its",
        "gradients are means too. δ itself stays per sample (no 1/m there).",
    ])
