"""x and y as plain floats, two decimals, away from zero, with u = x·y + x kept where every
gradient is well away from zero: 0.3 ≤ |u| ≤ 3.5, and u not near −1.28, where u·σ(u) is flat
(there ∂f/∂u = 0 and a backward pass that never reaches x and y would look right)."""

FLAT = -1.278


def generate(rng, params, arguments, count):
    cases = []
    while len(cases) < count:
        x = round(float(rng.uniform(-2.0, 2.0)), 2)
        y = round(float(rng.uniform(-2.0, 2.0)), 2)
        u = x * y + x
        if min(abs(x), abs(y)) < 0.2 or not 0.3 <= abs(u) <= 3.5 or abs(u - FLAT) < 0.25:
            continue
        cases.append({"x": x, "y": y})
    return cases
