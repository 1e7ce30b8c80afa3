"""`learn explain ex22`: a fresh gradient check on a tiny network, every number computed by the
reference engine (reference.layers)."""

import numpy as np

from reference import layers


def num(value, decimals: int = 4) -> str:
    text = f"{float(value):.{decimals}f}"
    return "0" if float(text) == 0 else text.replace("-", "−")


def sci(value) -> str:
    return f"{float(value):.2g}".replace("-", "−")


def sig(value, digits: int = 7) -> str:
    return f"{float(value):.{digits}g}".replace("-", "−")


def grid(label: str, M, decimals: int = 4) -> list[str]:
    """A matrix, one row per line, columns aligned; the label on the first row."""
    cells = [[num(v, decimals) for v in row] for row in np.atleast_2d(M)]
    width = max(len(c) for row in cells for c in row)
    pad = " " * len(label)
    return [f"{label if i == 0 else pad}[ {'  '.join(c.rjust(width) for c in row)} ]"
            for i, row in enumerate(cells)]


def explain(rng: np.random.Generator) -> str:
    W = np.round(rng.uniform(-1.5, 1.5, size=(1, 2)), 2)
    b = np.round(rng.uniform(-0.5, 0.5, size=(1, 1)), 2)
    X = np.round(rng.uniform(-2.0, 2.0, size=(2, 2)), 1)
    Y = np.round(rng.uniform(0.1, 0.9, size=(1, 2)), 1)
    net = ([W], [b], ["sigmoid"])
    h = 1e-3
    C = layers.network_cost(*net, X, Y)
    up, down = W.copy(), W.copy()
    up[0, 0] += h
    down[0, 0] -= h
    C_up = layers.network_cost([up], [b], ["sigmoid"], X, Y)
    C_down = layers.network_cost([down], [b], ["sigmoid"], X, Y)
    _, bp_w, bp_b = layers.backprop(*net, X, Y)
    num_w, num_b = layers.numerical_gradients(*net, X, Y, 1e-5)
    return "\n".join([
        "Gradient check: estimate each ∂C/∂p by (C(p + h) − C(p − h)) / 2h, forward pass only.",
        "One sigmoid unit, 2 inputs, m = 2 samples; C = mean over samples of ½(y − a)².",
        "",
        *grid("W = ", W, 2), *grid("b = ", b, 2),
        *grid("X = ", X, 1), *grid("Y = ", Y, 1),
        f"C = {C:.10f}",
        "",
        f"Nudge W[0, 0] = {num(W[0, 0], 2)} by h = 0.001 (big enough to read; the check uses"
        " 1e-5):",
        f"  W[0, 0] = {num(W[0, 0] + h, 3)}:  C = {C_up:.10f}",
        f"  W[0, 0] = {num(W[0, 0] - h, 3)}:  C = {C_down:.10f}",
        f"  then put W[0, 0] back to {num(W[0, 0], 2)}.",
        f"  central: ({C_up:.10f} − {C_down:.10f}) / 0.002 = {sig((C_up - C_down) / (2 * h))}",
        f"  forward: ({C_up:.10f} − {C:.10f}) / 0.001 = {sig((C_up - C) / h)}",
        f"  backprop: {sig(bp_w[0][0, 0])}",
        "  The central difference is much closer: nudging both ways cancels the curvature.",
        "",
        "Every parameter with h = 1e-5, against backprop:",
        f"  estimate grad_w[0] = [ {sig(num_w[0][0, 0])}  {sig(num_w[0][0, 1])} ]"
        f"   grad_b[0] = [ {sig(num_b[0][0, 0])} ]",
        f"  backprop grad_w[0] = [ {sig(bp_w[0][0, 0])}  {sig(bp_w[0][0, 1])} ]"
        f"   grad_b[0] = [ {sig(bp_b[0][0, 0])} ]",
        f"  relative errors (ex21): W {sci(layers.relative_error(num_w[0], bp_w[0]))},"
        f" b {sci(layers.relative_error(num_b[0], bp_b[0]))}: both right.",
    ])
