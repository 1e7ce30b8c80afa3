"""`learn explain ex13`: a fresh tiny network's 11 gradients, every number computed by the
reference engine."""

from functools import partial

import numpy as np

from grader.course.worked import factor, listed, nonzero, show
from grader.pictures.graph import graph as computation_graph
from reference import tiny

num, term = partial(show, digits=4), partial(factor, digits=4)  # 4 significant digits
nums = partial(listed, digits=4)



def example(rng: np.random.Generator) -> tuple[list[str], list[dict]]:
    x = nonzero(rng, -2, 2, 3)
    W = nonzero(rng, -1, 1, (2, 3))
    b, v = nonzero(rng, -1, 1, 2), nonzero(rng, -1.5, 1.5, 2)
    c, y = nonzero(rng, -1, 1), nonzero(rng, -1, 2)
    t = tiny.tiny_trace(x, y, W, b, v, c)
    dW, db, dv, dc = tiny.tiny_gradients(x, y, W, b, v, c)
    nudged = W.copy()
    nudged[0, 0] += 0.001
    C_nudged = tiny.batch_cost(x.reshape(3, 1), [[y]], nudged, b, v, c)
    lines = [
        f"Take x = {nums(x)}, y = {num(y)}, W = [{nums(W[0])}, {nums(W[1])}],",
        f"b = {nums(b)}, v = {nums(v)}, c = {num(c)}.",
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
        f"  dW = [{nums(dW[0])}, {nums(dW[1])}]",
        f"  db = {nums(db)},  dv = {nums(dv)},  dc = {num(dc)}",
        f"Check with a nudge: w11 + 0.001 gives C = {show(C_nudged, 7)} (was {show(t.C, 7)}),",
        f"  a slope of about {num((C_nudged - t.C) / 0.001)}; dC/dw11 = {num(dW[0, 0])}.",
        "",
        "The same numbers as a graph. Each input feeds both hidden units, so its gradient",
        "has two parts that add up: that sum, over the units a value feeds, is BP2 (ex17).",
    ]
    return lines, [graph(x, y, W, v, t)]


def graph(x, y, W, v, t: tiny.TinyTrace) -> dict:
    """The tiny network as a computation graph: inputs, z, h, a and C, with every value and
    every gradient; an input's gradient (not one of the 11 answers) is its two shares summed."""
    dh = t.dC_da * v  # dC/dh_j = dC/da · v_j
    dx = W.T @ t.dC_dz  # dC/dx_k = the sum over j of dC/dz_j · w_jk
    nodes = [(f"x{k + 1}", 0, k, x[k], dx[k]) for k in range(3)]
    for j in range(2):
        nodes += [(f"z{j + 1}", 1, 2 * j, t.z[j], t.dC_dz[j]),
                  (f"h{j + 1}", 2, 2 * j, t.h[j], dh[j])]
    nodes += [("a", 3, 1, t.a, t.dC_da), ("C", 4, 1, t.C, 1.0)]
    edges = [(f"x{k + 1}", f"z{j + 1}", W[j, k] * t.dC_dz[j]) for k in range(3) for j in range(2)]
    edges += [(f"z{j + 1}", f"h{j + 1}", t.dC_dz[j]) for j in range(2)]
    edges += [(f"h{j + 1}", "a", dh[j]) for j in range(2)] + [("a", "C", t.dC_da)]
    return computation_graph(nodes, edges, wrt="C", title="The tiny network as a graph",
                             legend=["z_j = w_j1·x1 + w_j2·x2 + w_j3·x3 + b_j   h_j = σ(z_j)",
                                     f"a = v1·h1 + v2·h2 + c   C = (a − {term(y)})²",
                                     "the weight w_jk sits on the arrow x_k → z_j: "
                                     "dC/dw_jk = dC/dz_j · x_k"])
