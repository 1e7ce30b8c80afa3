"""`learn explain ex13`: a fresh tiny network's 11 gradients, every number computed by the
reference engine."""

import numpy as np

from reference import tiny


def num(value) -> str:
    text = f"{float(value):.4g}"
    return "0" if text == "-0" else text.replace("-", "−")


def term(value) -> str:
    """A number inside a formula: negatives in brackets."""
    text = num(value)
    return f"({text})" if text.startswith("−") else text


def fine(value) -> str:
    """Enough digits to see a nudge's effect."""
    return f"{float(value):.7g}".replace("-", "−")


def listed(values) -> str:
    return "[" + ", ".join(num(value) for value in np.ravel(values)) + "]"


def draw(rng: np.random.Generator, low: float, high: float, size=None, decimals: int = 1):
    values = np.round(rng.uniform(low, high, size=size), decimals)
    values = np.where(values == 0, 0.1, values)
    return float(values) if size is None else values


def explain(rng: np.random.Generator) -> str:
    x = draw(rng, -2, 2, 3)
    W = draw(rng, -1, 1, (2, 3))
    b, v = draw(rng, -1, 1, 2), draw(rng, -1.5, 1.5, 2)
    c, y = draw(rng, -1, 1), draw(rng, -1, 2)
    t = tiny.tiny_trace(x, y, W, b, v, c)
    dW, db, dv, dc = tiny.tiny_gradients(x, y, W, b, v, c)
    nudged = W.copy()
    nudged[0, 0] += 0.001
    C_nudged = tiny.batch_cost(x.reshape(3, 1), [[y]], nudged, b, v, c)
    lines = [
        f"Take x = {listed(x)}, y = {num(y)}, W = [{listed(W[0])}, {listed(W[1])}],",
        f"b = {listed(b)}, v = {listed(v)}, c = {num(c)}.",
        "Forward (ex12):",
        f"  z1 = {num(t.z[0])}, h1 = σ(z1) = {num(t.h[0])};  z2 = {num(t.z[1])}, "
        f"h2 = σ(z2) = {num(t.h[1])}",
        f"  a = {num(v[0])}·{num(t.h[0])} + {term(v[1])}·{num(t.h[1])} + {term(c)} = {num(t.a)},"
        f"  C = ({num(t.a)} − {term(y)})² = {num(t.C)}",
        "Backward, every chain starts at the cost:",
        f"  dC/da = 2(a − y) = 2 · {term(t.a - y)} = {num(t.dC_da)}",
        "Output neuron (da/dv_j = h_j, da/dc = 1):",
        f"  dC/dv1 = {num(t.dC_da)} · {num(t.h[0])} = {num(dv[0])}    "
        f"dC/dv2 = {num(t.dC_da)} · {num(t.h[1])} = {num(dv[1])}",
        f"  dC/dc  = {num(dc)}",
    ]
    for j in range(2):
        u = j + 1
        lines += [
            f"Hidden unit {u}: dC/dz{u} = dC/da · v{u} · h{u}(1 − h{u})",
            f"  h{u}(1 − h{u}) = {num(t.h[j])} · {num(1 - t.h[j])} = {num(t.sigma_prime[j])}"
            f"   (σ′(z{u}), the sigmoid's slope)",
            f"  dC/dz{u} = {num(t.dC_da)} · {term(v[j])} · {num(t.sigma_prime[j])}"
            f" = {num(t.dC_dz[j])}",
            f"  dC/dw{u}1 = {num(t.dC_dz[j])} · {term(x[0])} = {num(dW[j, 0])},  "
            f"dC/dw{u}2 = {num(dW[j, 1])},  dC/dw{u}3 = {num(dW[j, 2])},  "
            f"dC/db{u} = {num(db[j])}",
        ]
    lines += [
        "So tiny_gradients returns",
        f"  dW = [{listed(dW[0])}, {listed(dW[1])}]",
        f"  db = {listed(db)},  dv = {listed(dv)},  dc = {num(dc)}",
        f"Check with a nudge: w11 + 0.001 gives C = {fine(C_nudged)} (was {fine(t.C)}),",
        f"  a slope of about {num((C_nudged - t.C) / 0.001)}; dC/dw11 = {num(dW[0, 0])}.",
    ]
    return "\n".join(lines)
