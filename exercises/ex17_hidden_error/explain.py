"""`learn explain ex17`: a fresh BP2 for a hidden sigmoid layer, every number computed by the
reference engine (reference.layers)."""

import numpy as np

from reference import layers
from reference.activations import sigmoid_prime


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
    W = nonzero(rng, -1.0, 1.0, (2, 2))
    D = nonzero(rng, -0.3, 0.3, (2, 2))
    Z = nonzero(rng, -2.0, 2.0, (2, 2))
    back = W.T @ D
    delta = layers.hidden_error(W, D, Z)
    k, i = int(rng.integers(2)), int(rng.integers(2))
    return "\n".join([
        "BP2, hidden sigmoid layer:  δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ σ′(Z^l)",
        "2 units in layer l, 2 in layer l+1, m = 2 samples (columns).",
        "",
        *grid("W_next     = ", W, 2),
        *grid("delta_next = ", D, 2),
        *grid("Z          = ", Z, 2),
        "",
        "Send the errors back through the weights, transposed (a matrix product):",
        *grid("  W_nextᵀ    = ", W.T, 2),
        *grid("  Wᵀ @ delta = ", back),
        f"  entry ({k + 1}, {i + 1}): unit {k + 1} feeds the layer above through column {k + 1}"
        " of W:",
        f"    {num(W[0, k], 2)} · {term(D[0, i], 2)} + {num(W[1, k], 2)} · {term(D[1, i], 2)}"
        f" = {num(back[k, i])}",
        "Then the layer's own slope, entry by entry:",
        *grid("  σ′(Z)      = ", sigmoid_prime(Z)),
        *grid("  δ^l        = ", delta),
        f"  entry ({k + 1}, {i + 1}): {num(back[k, i])} · {num(sigmoid_prime(Z[k, i]))}"
        f" = {num(delta[k, i])}",
        "",
        "Without the transpose, W @ delta runs too (W is square here) but gives",
        *grid("  (W @ delta) ⊙ σ′(Z) = ", (W @ D) * sigmoid_prime(Z)),
        "  which is wrong: row k of W holds the weights INTO unit k above, not those leaving",
        "  unit k of layer l.",
    ])
