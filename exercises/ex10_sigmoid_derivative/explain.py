"""`learn explain ex10`: the sigmoid's slope at a fresh z, every number computed by the
reference engine."""

import numpy as np

from grader.course.worked import draw, show
from reference.activations import sigmoid, sigmoid_prime


def explain(rng: np.random.Generator) -> str:
    z = draw(rng, -4, 4, avoid=(0.0,))
    e = np.exp(-z)
    s = sigmoid(z)
    slope = sigmoid_prime(z)
    nudge = 0.001
    rise = sigmoid(z + nudge) - s
    far = float(rng.choice([-1, 1])) * draw(rng, 8, 15, 0)
    return "\n".join([
        "σ(z) = 1 / (1 + e^(−z)),   σ′(z) = σ(z) · (1 − σ(z))",
        "",
        f"Take z = {show(z)}.",
        f"  e^(−z)       = e^({show(-z)}) = {show(e)}",
        f"  1 + e^(−z)   = {show(1 + e)}",
        f"  σ(z)         = 1 / {show(1 + e)} = {show(s)}",
        f"  1 − σ(z)     = {show(1 - s)}",
        f"  σ′(z)        = {show(s)} · {show(1 - s)} = {show(slope)}",
        f"So sigmoid_prime({z:g}) returns {float(slope):.6g}.",
        "",
        "The same number the long way, e^(−z) / (1 + e^(−z))²:",
        f"  {show(e)} / {show(1 + e)}² = {show(e / (1 + e) ** 2)}",
        f"Check with a nudge: σ({show(z + nudge)}) − σ({show(z)}) = {show(rise)},",
        f"  a slope of about {show(rise)} / 0.001 = {show(rise / nudge)}.",
        "",
        f"At z = 0 the slope is largest: σ(0) = {show(sigmoid(0.0))},"
        f" σ′(0) = {show(sigmoid_prime(0.0))}.",
        f"Far out, at z = {show(far)}: σ = {show(sigmoid(far))}, σ′ = {show(sigmoid_prime(far))}:"
        " saturated, almost flat.",
    ])
