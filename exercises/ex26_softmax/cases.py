"""Logits Z of shape (n, m) for 2–6 classes and 2–7 samples, never square (so an axis=1 in
place of axis=0 does not broadcast by chance). Every fourth case is plain logits (N(0, 2²));
the others move whole columns far out, where a softmax without the right shift breaks:

- a column near +1000: e^z overflows, so an unshifted softmax gives inf / inf = NaN;
- a column near −1000: e^z rounds to 0, so an unshifted softmax gives 0 / 0 = NaN;
- both in one batch, or one big column beside plain ones: shifting by the batch's single max
  leaves the other columns at e^(−1000) = 0, so only a per-column shift survives;
- (in half of the plain cases) one column whose logits span 1500: shifting it by its minimum or
  its mean still leaves an exponent above 709.78, so only the maximum keeps every e^z finite."""


def generate(rng, params, arguments, count):
    cases = []
    for index in range(count):
        n = int(rng.integers(2, 7))
        m = int(rng.choice([k for k in range(2, 8) if k != n]))
        Z = rng.normal(0.0, 2.0, size=(n, m)).round(3)
        kind = index % 4
        if kind == 0 and index % 8 == 4:  # one column spanning 1500 (a minimum or mean shift)
            Z[rng.integers(n), rng.integers(m)] += 1500.0
        if kind == 1:  # one column near +1000
            Z[:, rng.integers(m)] += 1000.0
        elif kind == 2:  # one column near −1000
            Z[:, rng.integers(m)] -= 1000.0
        elif kind == 3:  # one column up, another down
            up, down = rng.choice(m, size=2, replace=False)
            Z[:, up] += 1000.0
            Z[:, down] -= 1000.0
        cases.append({"Z": Z})
    return cases
