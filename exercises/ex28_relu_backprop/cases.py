"""A ReLU hidden layer under a softmax output: W1, b1, W2, b2, a batch X and one-hot Y.

- Widths n0 (inputs) 2–5, n1 (hidden) 2–6, n2 (classes) 2–5, and a batch of m samples with m
  never a width, so a sum over the wrong axis cannot pass by accident.
- Every third case has n2 = n1, a square W2, so a missing transpose in BP2 gives wrong
  values, not only a shape error.
- Every hidden z is at least 0.05 away from the kink at 0 (either choice of relu′(0) is right).
- Every other case has a dead unit: its bias is so low that z ≤ 0 for every sample, and its
  rows of ∂C/∂W1 and ∂C/∂b1 are exactly 0."""

import numpy as np

GAP = 0.05  # the smallest |z| of a hidden unit


def generate(rng, params, arguments, count):
    return [_case(rng, index) for index in range(count)]


def _case(rng, index):
    n0 = int(rng.integers(2, 6))
    square = index % 3 == 0
    n1 = int(rng.integers(2, 6 if square else 7))
    n2 = n1 if square else int(rng.integers(2, 6))
    m = int(rng.choice([k for k in range(3, 10) if k not in (n0, n1, n2)]))
    while True:  # drawn again until no hidden z is near the kink
        X = rng.normal(0.0, 1.0, size=(n0, m))
        W1 = rng.normal(0.0, 1.0, size=(n1, n0)) / np.sqrt(n0)
        b1 = rng.normal(0.0, 0.5, size=(n1, 1))
        if index % 2 == 1:
            dead = int(rng.integers(n1))
            b1[dead, 0] = -float((W1[dead] @ X).max()) - rng.uniform(0.2, 1.0)
        if np.abs(W1 @ X + b1).min() >= GAP:
            break
    W2 = rng.normal(0.0, 1.0, size=(n2, n1)) / np.sqrt(n1)
    b2 = rng.normal(0.0, 0.5, size=(n2, 1))
    Y = np.zeros((n2, m))
    Y[rng.integers(0, n2, size=m), np.arange(m)] = 1.0
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "X": X, "Y": Y}
