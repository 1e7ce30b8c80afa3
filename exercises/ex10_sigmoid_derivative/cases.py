"""Cases for ex10: z near 0, where σ′ is largest, and far out, where σ saturates.

Even cases are single numbers, odd cases arrays. The first case is a modest z (|z| ≤ 4), so
the failing case a learner sees first is readable. Every run also holds a scalar far out on
each side and an array with both: up to z = 30 on the right, down to z = −12 on the left.
Further left σ(z) and σ′(z) = σ(z) − σ(z)² differ by less than the step's atol (1e-12) from
z ≈ −13.8 on, and a learner who returned σ itself would pass those cases. |z| never exceeds
30, so a plain 1 / (1 + np.exp(-z)) does not overflow (np.exp warns only past 709).
"""

import numpy as np

FAR_RIGHT, FAR_LEFT = (20.0, 30.0), (9.0, 12.0)  # |z| ranges on each side


def _far(rng: np.random.Generator, sign: float) -> float:
    low, high = FAR_RIGHT if sign > 0 else FAR_LEFT
    return sign * round(float(rng.uniform(low, high)), 2)


def _values(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    near = rng.uniform(-6.0, 6.0, size=shape)
    far = np.where(rng.random(size=shape) < 0.5, rng.uniform(6.0, FAR_RIGHT[1], size=shape),
                   -rng.uniform(6.0, FAR_LEFT[1], size=shape))
    values = np.where(rng.random(size=shape) < 0.3, far, near).round(2)
    return np.where(np.abs(values) < 0.1, np.copysign(0.1, values) + values, values).round(2)


def generate(
    rng: np.random.Generator, params: dict, arguments: list[str], count: int
) -> list[dict]:
    (name,) = arguments
    cases = []
    for index in range(count):
        if index == 0:
            value = round(float(rng.uniform(0.1, 4.0)), 2) * float(rng.choice([-1.0, 1.0]))
        elif index == 2:
            value = _far(rng, 1.0)
        elif index == 4:
            value = _far(rng, -1.0)
        elif index % 2 == 0:
            value = float(_values(rng, ()))
        else:
            if rng.random() < 0.5:
                shape: tuple[int, ...] = (int(rng.integers(3, 9)),)
            else:
                shape = (int(rng.integers(2, 5)), int(rng.integers(2, 5)))
            value = _values(rng, shape)
            if index == 1:
                value.reshape(-1)[:2] = _far(rng, 1.0), _far(rng, -1.0)
        cases.append({name: value})
    return cases
