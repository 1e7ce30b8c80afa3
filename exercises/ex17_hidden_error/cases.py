"""Cases for ex17: a hidden sigmoid layer of n_l units under a layer of n_(l+1) units.

- Every third case has a square W_next (n_(l+1) = n_l), so a missing transpose gives wrong
  values there, not only a shape error elsewhere.
- Widths are 2–6 (with one unit above, W_nextᵀ * delta_next would broadcast to the right
  answer by accident); the batch size m is never a width.
- Z has some saturated entries (|z| from 8 to 25) in every other case.
"""

import numpy as np


def generate(rng: np.random.Generator, params: dict, arguments: list[str],
             count: int) -> list[dict]:
    cases = []
    for index in range(count):
        n_l = int(rng.integers(2, 7))
        n_next = n_l if index % 3 == 0 else int(rng.choice([k for k in range(2, 7) if k != n_l]))
        m = int(rng.choice([k for k in range(3, 10) if k not in (n_l, n_next)]))
        Z = rng.normal(0.0, 1.5, size=(n_l, m))
        if index % 2 == 1:
            far = rng.choice([-1.0, 1.0], size=Z.shape) * rng.uniform(8.0, 25.0, size=Z.shape)
            Z = np.where(rng.random(size=Z.shape) < 0.3, far, Z)
        case = {
            "W_next": rng.normal(0.0, 1.0, size=(n_next, n_l)),
            "delta_next": rng.normal(0.0, 0.3, size=(n_next, m)),
            "Z": Z,
        }
        cases.append({name: case[name] for name in arguments})
    return cases


def shrink(case: dict) -> list[dict]:
    """Fewer samples, fewer units in layer l, fewer in layer l+1, or both (a square W stays
    square); the batch size stays different from both widths."""
    W, D, Z = case["W_next"], case["delta_next"], case["Z"]
    n_next, n_l = W.shape
    m = Z.shape[1]
    smaller = []
    for k in range(1, m):
        if k not in (n_l, n_next):
            smaller.append({**case, "delta_next": D[:, :k], "Z": Z[:, :k]})
            break
    if n_l > 1 and n_next > 1 and m not in (n_l - 1, n_next - 1):
        smaller.append({**case, "W_next": W[:-1, :-1], "delta_next": D[:-1], "Z": Z[:-1]})
    if n_l > 1 and m != n_l - 1:
        smaller.append({**case, "W_next": W[:, :-1], "Z": Z[:-1]})
    if n_next > 1 and m != n_next - 1:
        smaller.append({**case, "W_next": W[:-1], "delta_next": D[:-1]})
    return smaller
