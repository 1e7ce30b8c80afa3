"""`learn explain ex17`: a fresh BP2 for a hidden sigmoid layer, every number computed by the
reference engine (reference.layers)."""

from functools import partial

import numpy as np

from exercises.ex17_hidden_error.shapes import bp2
from grader.course.worked import factor, grid, nonzero, show
from reference import layers
from reference.activations import sigmoid_prime

num = partial(show, digits=4, fixed=True)  # 4 decimals
term = partial(factor, digits=4, fixed=True)



def example(rng: np.random.Generator) -> tuple[list[str], list[dict]]:
    W = nonzero(rng, -1.0, 1.0, (2, 2), 2, below=0.05)
    D = nonzero(rng, -0.3, 0.3, (2, 2), 2, below=0.05)
    Z = nonzero(rng, -2.0, 2.0, (2, 2), 2, below=0.05)
    back = W.T @ D
    delta = layers.hidden_error(W, D, Z)
    k, i = int(rng.integers(2)), int(rng.integers(2))
    return [
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
        f"    {num(W[0, k], digits=2)} · {term(D[0, i], digits=2)}"
        f" + {num(W[1, k], digits=2)} · {term(D[1, i], digits=2)} = {num(back[k, i])}",
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
        "",
        "The shapes: Wᵀ has a row per unit of layer l and a column per unit above, δ^(l+1)",
        "a row per unit above: the product has a row per unit of layer l, like σ′(Z):",
    ], [bp2(n=W.shape[1], m=D.shape[1], n_next=W.shape[0])]
