"""Cases for ex13: one tiny network, one input and one target each, rounded to 2 decimals.

Most cases are ordinary; some have every input 0 (then z = b), some a 0 or negative input,
some large weights that saturate the hidden units (|z| up to about 20, where σ′ ≈ 0). Biases
and output weights stay at least 0.1 away from 0, so that forgetting one always shows, and so
does the target y (with y = 0 some slips would agree more often).
"""

import numpy as np

KINDS = ("ordinary", "ordinary", "zero_inputs", "some_zero", "saturated", "wide")


def _round(values) -> np.ndarray:
    return np.round(np.asarray(values, dtype=np.float64), 2) + 0.0  # + 0.0: no −0.0


def _away_from_zero(rng: np.random.Generator, size, low: float, high: float) -> np.ndarray:
    return _round(rng.choice([-1.0, 1.0], size=size) * rng.uniform(low, high, size=size))


def network(rng: np.random.Generator, kind: str) -> dict:
    """x, W, b, v, c and the target y for one case of the given kind."""
    x = _round(rng.uniform(-2.0, 2.0, size=3))
    W = _round(rng.uniform(-1.5, 1.5, size=(2, 3)))
    if kind == "zero_inputs":
        x = np.zeros(3)
    elif kind == "some_zero":
        x = -np.abs(x)
        x[int(rng.integers(3))] = 0.0
    elif kind == "saturated":
        x = _away_from_zero(rng, 3, 1.0, 2.0)
        W = _round(np.sign(x) * rng.uniform(2.0, 3.5, size=(2, 3)))  # every term pushes one way
        W[1] = -W[1]  # unit 1 near σ = 1, unit 2 near σ = 0
    elif kind == "wide":
        x = _round(rng.uniform(-3.0, 3.0, size=3))
    W[W == 0] = 0.05
    return {
        "x": x,
        "W": W,
        "b": _away_from_zero(rng, 2, 0.1, 1.0),
        "v": _away_from_zero(rng, 2, 0.2, 2.0),
        "c": float(_away_from_zero(rng, 1, 0.1, 1.0)[0]),
        "y": float(_away_from_zero(rng, 1, 0.2, 2.5)[0]),
    }


def generate(
    rng: np.random.Generator, params: dict, arguments: list[str], count: int
) -> list[dict]:
    cases = []
    for index in range(count):
        case = network(rng, KINDS[index % len(KINDS)])
        cases.append({name: case[name] for name in arguments})
    return cases


def shrink(case: dict) -> list[dict]:
    """Simpler versions of a failing case: everything rounded to 1 decimal, or one more input set
    to 0 (always keeping one input that is not 0, so that dW still shows something)."""
    candidates = []
    rounded = {name: (_round1(value) if isinstance(value, np.ndarray | float) else value)
               for name, value in case.items()}
    if any(not np.array_equal(rounded[n], case[n]) for n in case):
        candidates.append(rounded)
    if np.count_nonzero(case["x"]) > 1:
        for k in np.flatnonzero(case["x"]):
            x = case["x"].copy()
            x[k] = 0.0
            candidates.append({**case, "x": x})
    return candidates


def _round1(value):
    rounded = np.round(value, 1) + 0.0  # + 0.0 turns −0.0 into 0.0
    return rounded if isinstance(value, np.ndarray) else float(rounded)
