"""`learn explain ex14`: a fresh made-up data set, standardized feature by feature, and what
scaling does to the tiny network; every number computed by the reference code."""

from functools import partial

import numpy as np

from grader.course.worked import listed, show
from reference import tiny
from reference.activations import sigmoid_prime
from reference.network import forward

num, nums = partial(show, digits=4), partial(listed, digits=4)  # 4 significant digits

FEATURES = ("hours studied", "hours slept", "quiz score")


def spread(values) -> str:
    return f"{num(np.min(values))} … {num(np.max(values))}"


def explain(rng: np.random.Generator) -> str:
    m = 4
    X = np.stack([rng.integers(40, 101, size=m), rng.integers(10, 19, size=m) / 2.0,
                  rng.integers(2, 11, size=m)]).astype(np.float64)
    Y = np.round(rng.uniform(0.4, 0.95, size=(1, m)), 2)
    S = tiny.standardize(X)
    mean, std = X.mean(axis=1), X.std(axis=1)
    row = X[0]
    squares = (row - mean[0]) ** 2
    lines = [
        "Standardize each feature (a ROW) over the samples (the COLUMNS): (x − mean) / std.",
        f"Take {m} made-up students, X of shape (3, {m}), one column per student:",
    ]
    lines += [f"  {name:<14}{nums(X[k])}" for k, name in enumerate(FEATURES)]
    lines += [
        "Hours studied, step by step:",
        f"  mean = ({' + '.join(num(v) for v in row)}) / {m} = {num(mean[0])}",
        f"  squared deviations: {nums(squares)}",
        f"  std = √(mean of the squared deviations) = √{num(squares.mean())} = {num(std[0])}",
        f"  first student: ({num(row[0])} − {num(mean[0])}) / {num(std[0])} = {num(S[0, 0])}",
    ]
    for k in (1, 2):
        lines.append(f"{FEATURES[k].capitalize()}: mean {num(mean[k])}, std {num(std[k])}")
    lines += ["So standardize(X) returns, shape (3, 4), each row with mean 0 and std 1:"]
    lines += [f"  {nums(S[k])}" for k in range(3)]
    # Small weights (w11 of either sign, 0.01 to 0.2): some draws saturate unit 1 on the raw
    # inputs, others do not but get an inflated dC/dw11; the closing lines say which.
    W = np.round(rng.uniform(-0.1, 0.1, size=(2, 3)), 2)
    W[0, 0] = np.round(rng.choice([-1, 1]) * rng.uniform(0.01, 0.2), 2)
    W[W == 0] = 0.05
    b, v, c = np.zeros(2), np.array([0.7, -0.3]), 0.2
    lines += [
        "",
        f"Why: take hidden weights W = [{nums(W[0])}, {nums(W[1])}], b = 0,",
        f"v = {nums(v)}, c = {num(c)}, exam results y = {nums(Y)}.",
    ]
    raw = {}
    for label, data in (("raw", X), ("standardized", S)):
        z = forward(tiny.tiny_network(W, b, v, c), data).zs[0]
        dW = tiny.batch_gradients(data, Y, W, b, v, c)[0]
        raw = raw or {"slope": sigmoid_prime(z[0]).max(), "dW": dW[0]}
        lines += [
            f"  {label}: z1 = {nums(z[0])}, σ′(z1) = {spread(sigmoid_prime(z[0]))}",
            f"    dC/dw11, dC/dw12, dC/dw13 = {nums(dW[0])}",
        ]
    if raw["slope"] < 0.01:
        lines += ["Raw: z1 sits far from 0, where the sigmoid is flat (σ′ ≈ 0), so unit 1's",
                  "gradients vanish and it stops learning."]
    elif abs(raw["dW"][0]) >= 3 * np.abs(raw["dW"][1:]).max():
        ratio = abs(raw["dW"][0]) / np.abs(raw["dW"][1:]).max()
        lines += [f"Raw: dC/dw11 is {ratio:.0f} times the others, only because x1 is counted in "
                  "bigger numbers,", "so every step moves w11 that much more than w12 and w13."]
    else:
        lines += ["Raw: σ′ is still fine here, but x1 weighs ten times more in every z than the",
                  "other inputs, whatever they mean."]
    lines.append("Standardized: every input counts on the same scale, and σ′ stays near 0.25.")
    return "\n".join(lines)
