"""`learn explain ex21`: a fresh relative error worked by hand, every result computed by the
reference engine (reference.layers)."""

import numpy as np

from reference import layers


def num(value, decimals: int = 4) -> str:
    text = f"{float(value):.{decimals}f}"
    return "0" if float(text) == 0 else text.replace("-", "−")


def sci(value) -> str:
    return f"{float(value):.2g}".replace("-", "−")


def vector(v, decimals: int = 2) -> str:
    return "[" + ", ".join(num(x, decimals) for x in v) + "]"


def squares(v, decimals: int = 2) -> str:
    return " + ".join(f"{num(abs(x), decimals)}²" for x in v)


def explain(rng: np.random.Generator) -> str:
    a = np.round(rng.uniform(-1.0, 1.0, size=3), 2)
    a = np.where(np.abs(a) < 0.1, 0.25, a)
    b = a.copy()
    b[int(rng.integers(3))] += float(rng.choice([-1, 1])) * round(float(rng.uniform(0.01, 0.05)), 2)
    na, nb, nd = np.linalg.norm(a), np.linalg.norm(b), np.linalg.norm(a - b)
    rel = layers.relative_error(a, b)
    tiny = layers.relative_error(a * 1e-6, b * 1e-6)
    bug = layers.relative_error(a, 2 * a)
    return "\n".join([
        "relative error = ‖a − b‖ / max(‖a‖, ‖b‖),  ‖v‖ = √(sum of the squares of all entries)",
        "",
        f"a = {vector(a)}",
        f"b = {vector(b)}",
        f"a − b = {vector(a - b)}",
        "",
        f"‖a − b‖ = √({squares(a - b)}) = {num(nd)}",
        f"‖a‖     = √({squares(a)}) = {num(na)}",
        f"‖b‖     = √({squares(b)}) = {num(nb)}",
        f"max(‖a‖, ‖b‖) = {num(max(na, nb))}",
        f"relative error = {num(nd)} / {num(max(na, nb))} = {num(rel, 6)}",
        f"So relative_error(a, b) returns {rel:.6g}.",
        "If a were backprop's gradient and b its estimate, that would be a bug (far above 1e-7).",
        "",
        "Scale does not matter. Multiply both by 1e-6 (gradients can be that small):",
        f"  every difference is now below 1e-7, yet the relative error is still {num(tiny, 6)}.",
        f"A factor-2 bug, b = 2a: ‖a − 2a‖ / ‖2a‖ = ‖a‖ / 2‖a‖ = {num(bug, 2)}, at every scale.",
        "Both all zeros: they are equal, so the answer is 0.0 (check before dividing: 0 / 0",
        "is NaN).",
        "",
        "A right backprop against its estimate by nudges (ex22) gives about 1e-10;",
        f"one entry off by {num(nd, 2)} gave {sci(rel)} here. From 1e-3 up, look for a bug.",
    ])
