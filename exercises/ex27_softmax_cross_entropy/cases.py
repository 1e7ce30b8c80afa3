"""Logits Z (n classes × m samples, 2–6 classes, 2–7 samples, never square) and one-hot
targets Y. Cases 0, 4, 8, ... are plain logits (N(0, 2²)), so a wrong δ shows on the first
case before any numerical trap. The others put one column far out:

- confidently wrong: the target's logit 400–500 below zero, another class 400–500 above, so
  the target's probability is below e^(−800) and rounds to 0: ln 0 = −inf, and an unguarded
  cost is inf where the true one is about 800–1000;
- confidently right: the target's logit 800–1000 above the others, whose probabilities round
  to 0: 0 · ln 0 is NaN in an unguarded Σ y ln a, where the true cost is 0;
- every logit of one column near +1000: the softmax itself needs its max shift (ex26)."""

import numpy as np


def generate(rng, params, arguments, count):
    cases = []
    for index in range(count):
        n = int(rng.integers(2, 7))
        m = int(rng.choice([k for k in range(2, 8) if k != n]))
        Z = rng.normal(0.0, 2.0, size=(n, m)).round(3)
        labels = rng.integers(0, n, size=m)
        column = int(rng.integers(m))
        target = int(labels[column])
        kind = index % 4
        if kind == 1:  # confidently wrong
            other = int(rng.choice([k for k in range(n) if k != target]))
            Z[target, column] = -round(float(rng.uniform(400.0, 500.0)), 3)
            Z[other, column] = round(float(rng.uniform(400.0, 500.0)), 3)
        elif kind == 2:  # confidently right
            Z[target, column] = round(float(rng.uniform(800.0, 1000.0)), 3)
        elif kind == 3:  # a column near +1000
            Z[:, column] += 1000.0
        Y = np.zeros((n, m))
        Y[labels, np.arange(m)] = 1.0
        cases.append({"Z": Z, "Y": Y})
    return cases
