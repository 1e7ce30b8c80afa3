"""q08 · Scaling the inputs (ex14): X is (features, samples), standardize each row.

Every number shown is drawn from rng; right answers come from reference.tiny (standardize,
tiny_trace); the slips are the same data put through the wrong recipe."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Choice, Option, numeric
from reference import tiny

STUDENTS = "ABCD"
# Offsets from the mean with a whole-number population std (3): hand-friendly standardizing.
PATTERNS = ([-5, 1, 1, 3], [-3, -1, -1, 5])


def gradient_follows_the_input(rng):
    x = np.array([float(rng.integers(40, 95)), float(rng.integers(4, 10)),
                  float(rng.integers(3, 11))])
    W = np.array([[draw(rng, -0.1, 0.1, digits=2, avoid=(0.0,)) for _ in range(3)]
                  for _ in range(2)])
    b = np.zeros(2)
    v, c = np.array([draw(rng, 0.3, 1.0), draw(rng, -1.0, -0.3)]), 0.2
    y = draw(rng, 0.5, 0.9)
    t = tiny.tiny_trace(x, y, W, b, v, c)
    answer = float(t.dW[0, 0] / t.dW[0, 1])
    return numeric(
        f"One student's raw inputs to the tiny network: hours studied x1 = {show(x[0])}, hours "
        f"slept x2 = {show(x[1])}, quiz score x3 = {show(x[2])}. For this sample, how many times "
        f"larger is dC/dw11 than dC/dw12 (both weights feed hidden unit 1)?",
        f"dC/dw1k = dC/dz1 · x_k: both weights share unit 1's error dC/dz1 = "
        f"{show(t.dC_dz[0], 4)}, and each carries its own input. So the ratio is x1/x2 = "
        f"{show(x[0])}/{show(x[1])} = {show(answer, 4)}: the weight of the big raw input gets a "
        f"gradient (and a step) that much bigger, which is what standardizing evens out.",
        answer,
        [("gradient_ignores_input", "The two gradients share the unit's error dC/dz1, but each "
          "is multiplied by its own input: dC/dw1k = dC/dz1 · x_k.", 1.0),
         ("inverted_ratio", "Upside down: the bigger input gives the bigger gradient, since "
          "dC/dw1k = dC/dz1 · x_k. The ratio is x1/x2.", float(x[1] / x[0]))],
        rtol=2e-3,
    )


def standardized_value(rng):
    pattern = np.array(PATTERNS[int(rng.integers(2))], dtype=float)
    pattern = rng.permutation(pattern * (1 if rng.random() < 0.5 else -1))
    mean, k = float(rng.integers(45, 85)), float(rng.integers(2, 6))
    studied = mean + k * pattern
    slept = np.array([float(rng.integers(5, 10)) for _ in range(4)])
    while slept.std() == 0:
        slept = np.array([float(rng.integers(5, 10)) for _ in range(4)])
    X = np.vstack([studied, slept])
    i = int(rng.integers(4))
    answer = float(tiny.standardize(X)[0, i])
    mu, sd = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
    wrong = {
        "sample_std": (X - mu) / X.std(axis=1, ddof=1, keepdims=True),
        "not_centered": X / sd,
        "divide_by_variance": (X - mu) / sd**2,
        "min_max": (X - X.min(axis=1, keepdims=True)) / np.ptp(X, axis=1, keepdims=True),
        "no_axis": (X - X.mean()) / X.std(),
        "per_sample": (X - X.mean(axis=0)) / np.where(X.std(axis=0) == 0, 1, X.std(axis=0)),
    }
    messages = {
        "sample_std": "You divided by the sample std (dividing by m − 1 = 3). This course uses "
                      "the population std, which divides by m = 4: np.std's default.",
        "not_centered": "You divided by the std but did not subtract the mean first: "
                        "(x − mean) / std.",
        "divide_by_variance": "You divided by the variance, the std squared. Divide by the "
                              "std itself.",
        "min_max": "That is min-max scaling, (x − min)/(max − min). Standardizing is "
                   "(x − mean) / std.",
        "no_axis": "You used one mean and std for the whole table, both features together. "
                   "Each feature (row) gets its own.",
        "per_sample": "You standardized each student (column) across the two features. "
                      "Features are rows: each row gets its own mean and std.",
    }
    rows = (f"  hours studied:  {', '.join(show(e) for e in studied)}\n"
            f"  hours slept:    {', '.join(show(e) for e in slept)}")
    return numeric(
        f"Four students A, B, C, D, one column each:\n{rows}\nStandardize each feature (row): "
        f"subtract its mean, divide by its standard deviation (the population std, dividing by "
        f"4). What does student {STUDENTS[i]}'s hours studied become? (4 significant digits)",
        f"Hours studied: mean {show(mu[0, 0])}, deviations "
        f"{', '.join(show(e) for e in studied - mu[0, 0])}, variance = mean of their squares = "
        f"{show(sd[0, 0] ** 2)}, std = {show(sd[0, 0])}. Student {STUDENTS[i]}: "
        f"({show(studied[i])} − {factor(mu[0, 0])}) / {show(sd[0, 0])} = {show(answer)}.",
        answer,
        [(name, messages[name], float(value[0, i])) for name, value in wrong.items()],
    )


def which_line_standardizes(rng):
    n, m = int(rng.integers(2, 6)), int(rng.integers(20, 200))
    right = "(X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)"
    return Choice(
        prompt=f"X holds {m} samples of {n} features, shape ({n}, {m}): one sample per column. "
               f"Which line standardizes each feature?",
        explanation=f"A feature is a row, so its mean and std run along the row, over the {m} "
                    f"samples: axis=1. keepdims=True keeps them as a ({n}, 1) column, which "
                    f"numpy stretches across the {m} columns.",
        options=[
            Option(right, True),
            Option(right.replace("axis=1", "axis=0"), False, "per_sample",
                   f"axis=0 runs down each column: it standardizes each sample across its {n} "
                   f"different features. A feature's statistics run along its row: axis=1."),
            Option("(X - X.mean()) / X.std()", False, "no_axis",
                   "One mean and one std for the whole matrix: a feature with big numbers still "
                   "dwarfs the others. Each row needs its own: axis=1, keepdims=True."),
            Option("(X - X.mean(axis=1)) / X.std(axis=1)", False, "missing_keepdims",
                   f"Without keepdims the means have shape ({n},), and numpy lines that up "
                   f"with the LAST axis, the samples: it fails, or (when n = m) mixes features "
                   f"up. Keep them a ({n}, 1) column."),
            Option(right.replace("X.std(", "X.var("), False, "divide_by_variance",
                   "That divides by the variance, the std squared: the features would not end "
                   "with std 1. Divide by the std."),
        ],
    )
