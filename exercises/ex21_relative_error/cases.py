"""Cases for ex21: pairs of arrays of one shape (a vector, or a matrix like a W or a b column),
of every kind a gradient check meets:

- both zero (two per run, the 0 / 0 trap), and one of the two zero;
- nearly equal, at relative errors from 1e-9 to 1e-4 (a right backprop against its estimate);
- the shapes of common bugs: twice as big, the opposite sign, one entry off, unrelated;
- scales from 1e-8 to 1e3, so a plain absolute difference would mislead;
- ‖b‖ larger than ‖a‖ in some cases and smaller in others, so the max matters.
"""

import numpy as np

KINDS = ["both_zero", "a_zero", "close", "twice", "b_zero", "close", "one_entry", "opposite",
         "unrelated", "shrunk", "both_zero", "close"]


def _shape(rng: np.random.Generator) -> tuple[int, ...]:
    pick = rng.random()
    if pick < 0.35:
        return (int(rng.integers(2, 7)),)
    if pick < 0.55:
        return (int(rng.integers(2, 6)), 1)
    return (int(rng.integers(2, 6)), int(rng.integers(2, 6)))


def _pair(rng: np.random.Generator, kind: str) -> tuple[np.ndarray, np.ndarray]:
    shape = _shape(rng)
    scale = float(10.0 ** rng.choice([-8, -4, -1, 0, 0, 1, 3]))
    a = rng.normal(0.0, 1.0, size=shape) * scale
    noise = rng.normal(0.0, 1.0, size=shape) * scale
    if kind == "both_zero":
        return np.zeros(shape), np.zeros(shape)
    if kind == "a_zero":
        return np.zeros(shape), a
    if kind == "b_zero":
        return a, np.zeros(shape)
    if kind == "close":
        return a, a + noise * float(10.0 ** rng.uniform(-9, -4))
    if kind == "twice":
        return (a, 2 * a) if rng.random() < 0.5 else (2 * a, a)
    if kind == "opposite":
        return a, -a
    if kind == "one_entry":
        b = a.copy()
        b.flat[int(rng.integers(b.size))] += float(rng.choice([-1, 1])) * scale
        return a, b
    if kind == "shrunk":
        return a, 0.3 * a + 0.05 * noise
    return a, noise


def generate(rng: np.random.Generator, params: dict, arguments: list[str],
             count: int) -> list[dict]:
    cases = []
    for index in range(count):
        a, b = _pair(rng, KINDS[index % len(KINDS)])
        cases.append(dict(zip(arguments, (a, b), strict=True)))
    return cases
