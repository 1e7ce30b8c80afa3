"""`learn explain ex22`: a fresh gradient check on a tiny network, every number computed by the
reference engine (reference.layers)."""

from functools import partial

import numpy as np

from grader.course.worked import grid, show
from reference import layers

num = partial(show, digits=4, fixed=True)  # 4 decimals


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
        f"Nudge W[0, 0] = {num(W[0, 0], digits=2)} by h = 0.001 (big enough to read; the check uses"
        " 1e-5):",
        f"  W[0, 0] = {num(W[0, 0] + h, digits=3)}:  C = {C_up:.10f}",
        f"  W[0, 0] = {num(W[0, 0] - h, digits=3)}:  C = {C_down:.10f}",
        f"  then put W[0, 0] back to {num(W[0, 0], digits=2)}.",
        f"  central: ({C_up:.10f} − {C_down:.10f}) / 0.002 = {show((C_up - C_down) / (2 * h), 7)}",
        f"  forward: ({C_up:.10f} − {C:.10f}) / 0.001 = {show((C_up - C) / h, 7)}",
        f"  backprop: {show(bp_w[0][0, 0], 7)}",
        "  The central difference is much closer: nudging both ways cancels the curvature.",
        "",
        "Every parameter with h = 1e-5, against backprop:",
        f"  estimate grad_w[0] = [ {show(num_w[0][0, 0], 7)}  {show(num_w[0][0, 1], 7)} ]"
        f"   grad_b[0] = [ {show(num_b[0][0, 0], 7)} ]",
        f"  backprop grad_w[0] = [ {show(bp_w[0][0, 0], 7)}  {show(bp_w[0][0, 1], 7)} ]"
        f"   grad_b[0] = [ {show(bp_b[0][0, 0], 7)} ]",
        f"  relative errors (ex21): W {show(layers.relative_error(num_w[0], bp_w[0]), 2)},"
        f" b {show(layers.relative_error(num_b[0], bp_b[0]), 2)}: both right.",
    ])
