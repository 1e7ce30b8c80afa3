"""Cases for ex14: a (3, m) matrix X, features as rows and samples as columns.

The kinds cycle so every attempt sees each: student-like data whose features differ tenfold in
size (hours studied, hours slept, a quiz score), generic rows of mixed scales and signs, a
feature that never changes (std 0: it must become zeros, not NaN; its value is a whole number
so the mean and std come out exact), a square X (m = 3, where a missing keepdims still runs)
and m = 2. m is otherwise 4 to 8, never 3, so samples and features cannot be confused.
"""

import numpy as np

KINDS = ("students", "generic", "constant_feature", "square", "two_samples", "students")


def _students(rng: np.random.Generator, m: int) -> np.ndarray:
    studied = rng.integers(30, 101, size=m).astype(np.float64)
    slept = rng.integers(8, 21, size=m) / 2.0  # 4 to 10 hours, in half hours
    quiz = rng.integers(0, 11, size=m).astype(np.float64)
    return np.stack([studied, slept, quiz])


def _generic(rng: np.random.Generator, m: int) -> np.ndarray:
    scale = 10.0 ** rng.uniform(-1, 2, size=(3, 1))
    offset = rng.uniform(-2, 2, size=(3, 1)) * scale
    return np.round(offset + scale * rng.standard_normal((3, m)), 2) + 0.0


def _distinct_columns(X: np.ndarray) -> bool:
    """Every feature varies (unless meant to be constant) and no sample is constant."""
    return bool(np.all(X.std(axis=0) > 0))


def make_x(rng: np.random.Generator, kind: str) -> np.ndarray:
    while True:
        m = {"square": 3, "two_samples": 2}.get(kind, int(rng.integers(4, 9)))
        X = _students(rng, m) if kind == "students" else _generic(rng, m)
        if kind == "constant_feature":
            X[int(rng.integers(3))] = float(rng.integers(-5, 10))
        varying = [row for row in X if kind != "constant_feature" or row.std() > 0]
        if all(np.ptp(row) > 0 for row in varying) and _distinct_columns(X):
            return X


def generate(
    rng: np.random.Generator, params: dict, arguments: list[str], count: int
) -> list[dict]:
    return [{"X": make_x(rng, KINDS[index % len(KINDS)])} for index in range(count)]


def shrink(case: dict) -> list[dict]:
    """Fewer samples: the failing X with one column (one sample) left out, down to m = 2."""
    X = case["X"]
    if X.shape[1] <= 2:
        return []
    return [{**case, "X": np.delete(X, i, axis=1)} for i in range(X.shape[1])]
