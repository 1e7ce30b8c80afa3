"""ex34's graph for a fresh x and y: every node's value and gradient, computed by hand by the
reference (reference.beyond.expression_nodes), with the sums at the nodes used twice."""

import numpy as np

from grader.course.worked import show
from grader.pictures.graph import graph as computation_graph
from reference.activations import sigmoid_prime
from reference.beyond import expression_nodes, numerical_expression_gradients


def example(rng: np.random.Generator) -> tuple[list[str], list[dict]]:
    while True:
        x, y = (round(float(v), 2) for v in rng.uniform(-2, 2, size=2))
        if min(abs(x), abs(y)) >= 0.2 and 0.3 <= abs(x * y + x) <= 3:
            break
    nodes = {name: (how, value, grad) for name, how, value, grad in expression_nodes(x, y)}
    s, u = nodes["s"][1], nodes["u"][1]
    dq, ds, du = nodes["q"][2], nodes["s"][2], nodes["u"][2]
    lines = [f"f = (u·σ(u))² + x with u = x·y + x, at x = {x:g}, y = {y:g}.", "",
             "    node   made as        value      grad = ∂f/∂node"]
    lines += [f"    {name:<6} {how:<14} {value:<10.4f} {grad:.4f}"
              for name, (how, value, grad) in nodes.items()]
    nx, ny = numerical_expression_gradients(x, y)
    lines += [
        "",
        "backward() runs the rules from f down (reverse topological order):",
        "  f = r + x     r.grad += 1,  x.grad += 1",
        f"  r = q ** 2    q.grad += 2·q·1 = {dq:.4f}",
        f"  q = u * s     u.grad += s·{dq:.4f} = {s * dq:.4f},  s.grad += u·{dq:.4f} = {ds:.4f}",
        f"  s = σ(u)      u.grad += σ′(u)·{ds:.4f} = {sigmoid_prime(u):.4f}·{ds:.4f} "
        f"= {sigmoid_prime(u) * ds:.4f}   (u's total: {du:.4f})",
        f"  u = p + x     p.grad += {du:.4f},  x.grad += {du:.4f}",
        f"  p = x * y     x.grad += y·{du:.4f} = {y * du:.4f},  y.grad += x·{du:.4f} "
        f"= {x * du:.4f}",
        f"  x.grad = 1 + {du:.4f} + {y * du:.4f} = {nodes['x'][2]:.4f}: three uses, three terms.",
        "",
        f"Check by nudging (central differences, h = 1e-6): ∂f/∂x ≈ {nx:.4f}, "
        f"∂f/∂y ≈ {ny:.4f}.",
        "The order matters: u's rule runs only after q's and s's have both added into u.grad.",
        "",
        "The same graph drawn: where a node is used twice or more, its grads add up.",
    ]
    return lines, [graph(x, y)]


PLACES = {"x": (0, 2), "y": (0, 3), "p": (1, 2), "u": (2, 2), "s": (3, 3), "q": (4, 2),
          "r": (5, 2), "f": (6, 2)}  # (column, row); x's later uses run along rows 1 and 0


def graph(x: float, y: float) -> dict:
    """The expression's graph with every node's value and grad (reference.beyond), each edge
    carrying back its share: the local derivative times the grad of the node it feeds."""
    nodes = {name: (value, grad) for name, _, value, grad in expression_nodes(x, y)}
    (u, _), (s, ds), (q, dq) = nodes["u"], nodes["s"], nodes["q"]
    du, dp, dr, df = nodes["u"][1], nodes["p"][1], nodes["r"][1], nodes["f"][1]
    edges = [("x", "p", y * dp), ("y", "p", x * dp), ("x", "u", du, 1), ("p", "u", du),
             ("u", "s", float(sigmoid_prime(u)) * ds), ("u", "q", s * dq), ("s", "q", u * dq),
             ("q", "r", 2 * q * dr), ("r", "f", df), ("x", "f", df, 0)]
    return computation_graph(
        [(name, *PLACES[name], value, grad) for name, (value, grad) in nodes.items()], edges,
        wrt="f", title=f"f = (u·σ(u))² + x at x = {show(x)}, y = {show(y)}",
        legend=["p = x·y   u = p + x   s = σ(u)   q = u·s   r = q²   f = r + x"])
