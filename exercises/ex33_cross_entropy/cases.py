"""An output layer's Z for a batch, A = σ(Z), and targets Y: 0/1 targets (one-hot columns) in
even cases, fractional targets in odd ones. Some entries are saturated (|z| up to 8), where the
quadratic cost's δ almost vanishes, and every third case has one deeply saturated entry
(|z| from 28 to 36: σ′(z) < 1e-12, so δ must be computed as A − Y, not as the product); no
entry is so saturated that A rounds to 0 or 1."""

import numpy as np

from reference.activations import sigmoid


def generate(rng, params, arguments, count):
    cases = []
    for index in range(count):
        n = int(rng.integers(1, 5))
        m = int(rng.choice([k for k in range(2, 7) if k != n]))
        Z = rng.uniform(-4.0, 4.0, size=(n, m))
        saturated = rng.random(size=(n, m)) < 0.25
        Z = np.where(saturated, np.sign(Z) * rng.uniform(5.0, 8.0, size=(n, m)), Z)
        Z = np.where(np.abs(Z) < 0.1, np.copysign(0.1, Z) + Z, Z).round(3)
        if index % 3 == 2:
            Z[rng.integers(0, n), rng.integers(0, m)] = rng.choice([-1, 1]) * round(
                float(rng.uniform(28.0, 36.0)), 3)
        if index % 2 == 0:
            Y = np.zeros((n, m))
            if n == 1:
                Y[0] = rng.integers(0, 2, size=m)
            else:
                Y[rng.integers(0, n, size=m), np.arange(m)] = 1.0
        else:
            Y = rng.uniform(0.05, 0.95, size=(n, m)).round(2)
        cases.append({"Z": Z, "A": sigmoid(Z), "Y": Y})
    return cases
