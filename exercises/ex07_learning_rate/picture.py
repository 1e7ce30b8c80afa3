"""ex07's picture of a failing case: training from w = 1 toward y = 0 at the learner's rate and
at the right one, ten steps. Each step multiplies the error a − y by (1 − 2ηx²), so the cost by
its square: at the one-step rate it is 0 after one step; past the divergence rate it grows."""

import numpy as np

from grader.pictures.curves import curves

STEPS = 10


def costs(rate: float, x: float) -> list[float]:
    factor = (1.0 - 2.0 * rate * x * x) ** 2
    start = x * x
    # Rounding leaves ~1e-32 where the one-step rate lands exactly: that is 0 on any plot.
    return [c if c > 1e-12 * start else 0.0 for c in (start * factor**k
                                                       for k in range(STEPS + 1))]


def picture(case, expected, got):
    if got is None:
        return None
    x = float(np.asarray(case["x"]).flat[0])  # an array case: drawn for its first entry
    for key in ("[0]", "[1]"):  # the first rate that is wrong
        if key in got and got[key].size and expected[key].size:
            want, have = float(expected[key].flat[0]), float(got[key].flat[0])
            if abs(want - have) > 1e-9 * max(1.0, abs(want)):
                return curves(
                    costs(want, x), costs(have, x),
                    title=f"Training from w = 1 toward y = 0 at x = {x:.3g}: your rate "
                          f"η = {have:.3g} and the expected η = {want:.3g}",
                    y_label="cost C = (a − y)² (no unit)", x_label="step (one update of w)")
    return None
