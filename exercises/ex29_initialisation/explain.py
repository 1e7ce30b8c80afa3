"""A fresh network start: what its scale does to the first layer's z, and what a zero start
does to training, every number by the reference engine (reference.training_start)."""

import numpy as np

from grader.course.worked import show
from reference.activations import sigmoid_prime
from reference.training_start import distinct_units, init_network, toy_data, train_from

STEPS = 100


def explain(rng: np.random.Generator) -> str:
    n_in = int(rng.choice([64, 100, 256, 400, 784]))
    hidden = int(rng.integers(5, 31))
    n_out = int(rng.integers(2, 11))
    sizes = [n_in, hidden, n_out]
    seed = int(rng.integers(0, 1000))
    weights, biases = init_network(sizes, seed)
    X = rng.standard_normal((n_in, 200))
    draws = weights[0] * np.sqrt(n_in)  # the standard normal draws themselves
    lines = [
        f"sizes = {sizes}, seed = {seed}: rng = np.random.default_rng({seed}), then",
        f"  W1 = rng.standard_normal(({hidden}, {n_in})) / √{n_in}   spread of its entries "
        f"{show(weights[0].std(), 3)} (1/√{n_in} = {show(1 / np.sqrt(n_in), 3)})",
        f"  W2 = rng.standard_normal(({n_out}, {hidden})) / √{hidden}   b1, b2 = zeros",
        "",
        "The first layer on 200 inputs drawn N(0, 1), for four scales of the same draws:",
    ]
    for label, scale in [(f"1/√{n_in}", 1 / np.sqrt(n_in)), ("1", 1.0),
                         (f"1/{n_in}", 1 / n_in), (f"{n_in}", float(n_in))]:
        Z = (draws * scale) @ X
        flat = np.mean(sigmoid_prime(Z) < 0.01)
        lines.append(f"  × {label:<8} spread of z {show(Z.std(), 4):>7}; σ′(z) < 0.01 for "
                     f"{show(100 * flat, 3):>4} % of the z's")
    X_small, Y_small = toy_data(sizes, seed)
    zero_w = [np.zeros_like(W) for W in weights]
    zero_b = [np.zeros_like(b) for b in biases]
    from_zero = train_from(zero_w, zero_b, X_small, Y_small, STEPS, 1.0)[-1]
    from_init = train_from(weights, biases, X_small, Y_small, STEPS, 1.0)[-1]
    row = from_zero.weights[0][0]
    lines += [
        "",
        f"{STEPS} steps of gradient descent (η = 1) on 20 training samples:",
        f"  from this start: {distinct_units(from_init)} different hidden units of {hidden}",
        f"  from all zeros:  {distinct_units(from_zero)} different hidden unit of {hidden}; "
        f"every row of W1 is",
        f"    ({', '.join(show(v, 3) for v in row[:3])}, ...): the same row {hidden} times.",
    ]
    return "\n".join(lines)
