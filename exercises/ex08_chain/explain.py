"""`learn explain ex08`: a fresh two-weight chain, every number computed by the reference
engine."""

from functools import partial

import numpy as np

from grader.course.worked import draw, factor, show
from reference import chain

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits


def explain(rng: np.random.Generator) -> str:
    while True:  # an output already on target would make every gradient 0
        w1, w2, x, y = (draw(rng, -2, 2, avoid=(0.0,)) for _ in range(4))
        if abs(chain.chain_forward(w1, w2, x) - y) >= 0.1:
            break
    t = chain.chain_trace(w1, w2, x, y)
    nudge = 0.001
    up1 = chain.chain_trace(w1 + nudge, w2, x, y).C - t.C
    up2 = chain.chain_trace(w1, w2 + nudge, x, y).C - t.C
    return "\n".join([
        "x ──(w1)──▶ a1 = w1 · x ──(w2)──▶ a2 = w2 · a1 ──▶ C = (a2 − y)²",
        "",
        f"Take x = {num(x)}, y = {num(y)}, w1 = {num(w1)}, w2 = {num(w2)}.",
        "Forward:",
        f"  a1 = w1 · x  = {num(w1)} · {term(x)} = {num(t.a1)}",
        f"  a2 = w2 · a1 = {num(w2)} · {term(t.a1)} = {num(t.a2)}",
        f"  C  = (a2 − y)² = ({num(t.a2)} − {term(y)})² = {num(t.C)}",
        "Backward, from the cost:",
        f"  dC/da2  = 2(a2 − y) = 2 · {term(t.a2 - y)} = {num(t.dC_da2)}",
        f"  da2/dw2 = a1 = {num(t.da2_dw2)}    (w2 multiplies a1)",
        f"  dC/dw2  = {num(t.dC_da2)} · {term(t.da2_dw2)} = {num(t.dC_dw2)}",
        f"  da2/da1 = w2 = {num(t.da2_da1)}    (a1 reaches a2 through w2)",
        f"  dC/da1  = {num(t.dC_da2)} · {term(t.da2_da1)} = {num(t.dC_da1)}",
        f"  da1/dw1 = x = {num(t.da1_dw1)}     (w1 multiplies x)",
        f"  dC/dw1  = {num(t.dC_da1)} · {term(t.da1_dw1)} = {num(t.dC_dw1)}",
        f"So chain_gradients({w1:g}, {w2:g}, {x:g}, {y:g}) returns"
        f" ({float(t.dC_dw1):.4g}, {float(t.dC_dw2):.4g}).",
        "",
        "Check with nudges of 0.001:",
        f"  w1 → {num(w1 + nudge)}: C changes by {num(up1)}, slope about {num(up1 / nudge)}",
        f"  w2 → {num(w2 + nudge)}: C changes by {num(up2)}, slope about {num(up2 / nudge)}",
    ])
