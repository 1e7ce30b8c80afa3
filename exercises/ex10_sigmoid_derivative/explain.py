"""`learn explain ex10`: the sigmoid's slope at a fresh z, every number computed by the
reference engine."""

import numpy as np

from reference.activations import sigmoid, sigmoid_prime


def num(value) -> str:
    text = f"{float(value):.6g}"
    return "0" if text == "-0" else text.replace("-", "−")


def term(value) -> str:
    """A number inside a formula: negatives in brackets."""
    text = num(value)
    return f"({text})" if text.startswith("−") else text


def draw(rng: np.random.Generator, low: float, high: float, decimals: int = 1) -> float:
    while True:
        value = round(float(rng.uniform(low, high)), decimals)
        if value != 0:
            return value


def explain(rng: np.random.Generator) -> str:
    z = draw(rng, -4, 4)
    e = np.exp(-z)
    s = sigmoid(z)
    slope = sigmoid_prime(z)
    nudge = 0.001
    rise = sigmoid(z + nudge) - s
    far = float(rng.choice([-1, 1])) * draw(rng, 8, 15, 0)
    return "\n".join([
        "σ(z) = 1 / (1 + e^(−z)),   σ′(z) = σ(z) · (1 − σ(z))",
        "",
        f"Take z = {num(z)}.",
        f"  e^(−z)       = e^({num(-z)}) = {num(e)}",
        f"  1 + e^(−z)   = {num(1 + e)}",
        f"  σ(z)         = 1 / {num(1 + e)} = {num(s)}",
        f"  1 − σ(z)     = {num(1 - s)}",
        f"  σ′(z)        = {num(s)} · {num(1 - s)} = {num(slope)}",
        f"So sigmoid_prime({z:g}) returns {float(slope):.6g}.",
        "",
        "The same number the long way, e^(−z) / (1 + e^(−z))²:",
        f"  {num(e)} / {num(1 + e)}² = {num(e / (1 + e) ** 2)}",
        f"Check with a nudge: σ({num(z + nudge)}) − σ({num(z)}) = {num(rise)},",
        f"  a slope of about {num(rise)} / 0.001 = {num(rise / nudge)}.",
        "",
        f"At z = 0 the slope is largest: σ(0) = {num(sigmoid(0.0))},"
        f" σ′(0) = {num(sigmoid_prime(0.0))}.",
        f"Far out, at z = {num(far)}: σ = {num(sigmoid(far))}, σ′ = {num(sigmoid_prime(far))}:"
        " saturated, almost flat.",
    ])
