"""A softmax of a small batch, one column shifted far out, step by step, by the reference
engine (reference.softmax)."""

import numpy as np

from grader.course.worked import factor, grid, show
from reference.softmax import softmax


def explain(rng: np.random.Generator) -> str:
    n, m = 3, 2
    Z = np.round(rng.normal(0.0, 1.5, size=(n, m)), 1)
    big = int(rng.integers(m))
    offset = float(rng.choice([-1, 1]) * rng.integers(800, 1200))
    Z[:, big] += offset
    shifted = Z - Z.max(axis=0, keepdims=True)
    E = np.exp(shifted)
    A = softmax(Z)
    top = int(np.argmax(Z[:, big]))
    with np.errstate(all="ignore"):
        naive = np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)
    raw = "inf" if offset > 0 else "0"
    return "\n".join([
        f"{n} classes (rows), m = {m} samples (columns); sample {big + 1}'s logits are near "
        f"{show(offset)}.",
        *grid("  Z                = ", Z, 1),
        "",
        "Shift each column by its own largest logit (the answer does not change):",
        *grid("  Z − max(column)  = ", shifted, 1),
        *grid("  e^(Z − max)      = ", E),
        "  column sums      = " + ", ".join(show(s, 5) for s in E.sum(axis=0)),
        *grid("  A = e^(Z − max) / sum = ", A),
        "  column sums of A = " + ", ".join(show(s, 5) for s in A.sum(axis=0)),
        "",
        f"Sample {big + 1}, class {top + 1} by hand: its shifted logit is 0, so e^0 = 1 and "
        f"a = 1 / {show(E[:, big].sum(), 5)} = {show(A[top, big], 4)}.",
        f"Without the shift e^{factor(Z[top, big])} is {raw} in float64, and column {big + 1} "
        f"comes out as {', '.join(show(v) if np.isfinite(v) else str(v) for v in naive[:, big])}.",
    ])
