"""Cases for ex16: a sigmoid output layer of 1–5 units and a batch of 3–8 samples.

- The batch size m is never the number of units, so rows and columns cannot be mixed up
  unnoticed.
- Z is mostly moderate, with some saturated entries (|z| from 8 to 25, where σ′ is tiny) in
  every other case; |z| ≤ 25, so a plain 1 / (1 + np.exp(-z)) never overflows.
- A = σ(Z) exactly (the reference sigmoid): A(1 − A) is then a correct way to get σ′(Z).
- Targets Y lie in [0.1, 0.9], never 0: with y = 0 some wrong formulas agree with the right one.
"""

import numpy as np

from reference.activations import sigmoid


def _batch(rng: np.random.Generator, n: int, m: int, saturate: bool) -> dict:
    Z = rng.normal(0.0, 1.5, size=(n, m))
    if saturate:
        far = rng.choice([-1.0, 1.0], size=(n, m)) * rng.uniform(8.0, 25.0, size=(n, m))
        Z = np.where(rng.random(size=(n, m)) < 0.35, far, Z)
        Z.flat[0] = float(rng.choice([-1.0, 1.0]) * rng.uniform(8.0, 25.0))
    Z = np.where(np.abs(Z) < 0.05, np.copysign(0.05, Z) + Z, Z)
    Y = rng.uniform(0.1, 0.9, size=(n, m))
    return {"Z": Z, "A": sigmoid(Z), "Y": Y}


def generate(rng: np.random.Generator, params: dict, arguments: list[str],
             count: int) -> list[dict]:
    cases = []
    for index in range(count):
        n = 1 if index == 3 else int(rng.integers(2, 6))
        m = int(rng.choice([k for k in range(3, 9) if k != n]))
        case = _batch(rng, n, m, saturate=index % 2 == 1)
        cases.append({name: case[name] for name in arguments})
    return cases


def shrink(case: dict) -> list[dict]:
    """Fewer samples, then fewer units (m stays different from n)."""
    Z, A, Y = case["Z"], case["A"], case["Y"]
    n, m = Z.shape
    smaller = []
    for k in range(1, m):
        if k != n:
            smaller.append({"Z": Z[:, :k], "A": A[:, :k], "Y": Y[:, :k]})
            break
    for k in range(1, n):
        if k != m:
            smaller.append({"Z": Z[:k], "A": A[:k], "Y": Y[:k]})
            break
    return smaller
