"""Cases for ex18: a layer of n units fed by n_prev units, and a batch of m samples.

- Every third case is square (n = n_prev), so A_prev δᵀ has the right shape there and only
  the values show the transpose.
- Widths are 2–6 and the batch size m is never a width, so dividing by the wrong axis, or
  summing where a mean belongs, always changes the numbers.
- A_prev is sigmoid-like (in (0, 1)) in half the cases, unbounded inputs in the others.
"""

import numpy as np


def generate(rng: np.random.Generator, params: dict, arguments: list[str],
             count: int) -> list[dict]:
    cases = []
    for index in range(count):
        n = int(rng.integers(2, 7))
        n_prev = n if index % 3 == 0 else int(rng.choice([k for k in range(2, 7) if k != n]))
        m = int(rng.choice([k for k in range(3, 10) if k not in (n, n_prev)]))
        if index % 2 == 0:
            A_prev = rng.uniform(0.02, 0.98, size=(n_prev, m))
        else:
            A_prev = rng.normal(0.0, 1.5, size=(n_prev, m))
        case = {"delta": rng.normal(0.0, 0.3, size=(n, m)), "A_prev": A_prev}
        cases.append({name: case[name] for name in arguments})
    return cases


def shrink(case: dict) -> list[dict]:
    """Fewer samples, fewer units, fewer inputs, or both (a square case stays square); the
    batch size stays different from both widths."""
    D, A = case["delta"], case["A_prev"]
    n, m = D.shape
    n_prev = A.shape[0]
    smaller = []
    for k in range(1, m):
        if k not in (n, n_prev):
            smaller.append({**case, "delta": D[:, :k], "A_prev": A[:, :k]})
            break
    if n == n_prev and n > 1 and m != n - 1:
        smaller.append({**case, "delta": D[:-1], "A_prev": A[:-1]})
    if n > 1 and m != n - 1:
        smaller.append({**case, "delta": D[:-1]})
    if n_prev > 1 and m != n_prev - 1:
        smaller.append({**case, "A_prev": A[:-1]})
    return smaller
