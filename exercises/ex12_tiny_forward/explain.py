"""`learn explain ex12`: a fresh tiny network, every number computed by the reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import factor, nonzero, show
from reference import tiny

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def signed(value) -> str:
    """The next term of a sum: ' + 0.5' or ' − 0.5'."""
    text = num(value)
    return f" − {text[1:]}" if text.startswith("−") else f" + {text}"


def sigma_steps(z) -> str:
    """σ(z) = 1 / (1 + e^(−z)) with the exponential worked out, e.g. 1 / (1 + e^0.38)."""
    return f"1 / (1 + e^{term(-z)}) = 1 / (1 + {num(np.exp(-z))})"


def explain(rng: np.random.Generator) -> str:
    x = nonzero(rng, -2, 2, 3)
    W = nonzero(rng, -1, 1, (2, 3))
    b, v = nonzero(rng, -1, 1, 2), nonzero(rng, -1.5, 1.5, 2)
    c = nonzero(rng, -1, 1)
    y = nonzero(rng, -1, 2)
    t = tiny.tiny_trace(x, y, W, b, v, c)
    h, a = tiny.tiny_forward(x, W, b, v, c)
    lines = [
        "Hidden units: z_j = w_j1·x1 + w_j2·x2 + w_j3·x3 + b_j, h_j = σ(z_j).",
        "Output (linear, no σ): a = v1·h1 + v2·h2 + c.",
        "",
        f"Take x1 = {num(x[0])}, x2 = {num(x[1])}, x3 = {num(x[2])}, and the weights",
        f"  w11 = {num(W[0, 0])}, w12 = {num(W[0, 1])}, w13 = {num(W[0, 2])}, b1 = {num(b[0])}",
        f"  w21 = {num(W[1, 0])}, w22 = {num(W[1, 1])}, w23 = {num(W[1, 2])}, b2 = {num(b[1])}",
        f"  v1 = {num(v[0])}, v2 = {num(v[1])}, c = {num(c)}",
        "",
    ]
    for j in range(2):
        products = W[j] * x
        lines += [
            f"Hidden unit {j + 1}:",
            f"  z{j + 1} = {num(W[j, 0])}·{term(x[0])} + {term(W[j, 1])}·{term(x[1])} + "
            f"{term(W[j, 2])}·{term(x[2])} + {term(b[j])}",
            f"     = {num(products[0])}{signed(products[1])}{signed(products[2])}"
            f"{signed(b[j])} = {num(t.z[j])}",
            f"  h{j + 1} = σ({num(t.z[j])}) = {sigma_steps(t.z[j])} = {num(t.h[j])}",
        ]
    vh = v * t.h
    lines += [
        "Output:",
        f"  a = {num(v[0])}·{num(t.h[0])} + {term(v[1])}·{num(t.h[1])} + {term(c)}"
        f" = {num(vh[0])}{signed(vh[1])}{signed(c)} = {num(t.a)}",
        "",
        f"So tiny_forward returns h = [{num(h[0])}, {num(h[1])}] and a = {num(a)}.",
        f"With the target y = {num(y)} the cost is C = ({num(t.a)} − {term(y)})² = {num(t.C)}.",
    ]
    return "\n".join(lines)
