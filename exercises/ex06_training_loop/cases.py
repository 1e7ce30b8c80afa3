"""Cases for ex06: one scalar training run each, with rounded, readable numbers.

x stays in ±[0.5, 2] and the learning rate in [0.01, 0.2], so 2·rate·x² ≤ 1.6 < 2 and every
run converges (ex07 shows why); w and y stay away from 0 so the slips cannot agree.
"""

import numpy as np


def _signed(rng: np.random.Generator, low: float, high: float) -> float:
    return float(rng.choice([-1.0, 1.0]) * round(rng.uniform(low, high), 2))


def generate(
    rng: np.random.Generator, params: dict, arguments: list[str], count: int
) -> list[dict]:
    cases = []
    for _ in range(count):
        case = {
            "w": _signed(rng, 0.1, 3.0),
            "x": _signed(rng, 0.5, 2.0),
            "y": _signed(rng, 0.1, 3.0),
            "learning_rate": round(float(rng.uniform(0.01, 0.2)), 3),
            "steps": int(rng.integers(1, 31)),
        }
        cases.append({name: case[name] for name in arguments})
    return cases
