"""Cases for ex22: small random networks (1–3 layers, widths 2–5, m from 3 to 8, never a
width), identity, sigmoid and tanh layers only (no relu kink for a difference to straddle),
with and without biases; h around 1e-5. Small, so two forward passes per parameter stay fast.
Shrinking drops layers, samples and units (reference.network_cases)."""

import numpy as np

from reference.network_cases import network_case, shrink_network_case

H_VALUES = [1e-5, 1e-5, 2e-5, 5e-5]


def _sizes(rng: np.random.Generator, depth: int) -> list[int]:
    sizes = [int(rng.integers(2, 6))]
    for _ in range(depth):
        sizes.append(int(rng.choice([k for k in range(2, 6) if k != sizes[-1]])))
    return sizes


def generate(rng: np.random.Generator, params: dict, arguments: list[str],
             count: int) -> list[dict]:
    cases = []
    for index in range(count):
        sizes = _sizes(rng, depth=1 + index % 3)
        bias = None if index > 1 else bool(index)  # one case of each kind for sure
        case = network_case(rng, kinkless=True, sizes=sizes, bias=bias)
        m = case["X"].shape[1]
        if m > 8:
            m = int(rng.choice([k for k in range(3, 9) if k not in sizes]))
            case["X"], case["Y"] = case["X"][:, :m], case["Y"][:, :m]
        case["h"] = float(H_VALUES[index % len(H_VALUES)])
        cases.append({name: case[name] for name in arguments})
    return cases


def shrink(case: dict) -> list[dict]:
    return shrink_network_case(case)
