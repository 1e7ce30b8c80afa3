"""A backward pass through a ReLU hidden layer with one dead unit, by the reference engine
(reference.training_start, reference.softmax)."""

import numpy as np

from grader.course.worked import grid, show
from reference import softmax as sm
from reference.activations import relu, relu_prime, sigmoid_prime
from reference.training_start import dead_units, relu_softmax_gradients


def explain(rng: np.random.Generator) -> str:
    n0, n1, n2, m = 2, 3, 2, 4
    dead = int(rng.integers(n1))
    while True:  # one unit off for every sample, the others on for some, no z near 0
        X = np.round(rng.uniform(-1.0, 1.0, (n0, m)), 1)
        W1 = np.round(rng.uniform(-1.0, 1.0, (n1, n0)), 1)
        b1 = np.round(rng.uniform(-0.2, 0.6, (n1, 1)), 1)
        b1[dead, 0] = -np.ceil(10 * (W1[dead] @ X).max() + 3) / 10
        Z1 = W1 @ X + b1
        alive = np.delete(Z1, dead, axis=0)
        if np.abs(Z1).min() >= 0.05 and (alive > 0).any(axis=1).all():
            break
    W2 = np.round(rng.uniform(-1.0, 1.0, (n2, n1)), 1)
    b2 = np.zeros((n2, 1))
    Y = np.zeros((n2, m))
    Y[rng.integers(0, n2, size=m), np.arange(m)] = 1.0
    A1 = relu(Z1)
    delta2 = sm.output_error(W2 @ A1 + b2, Y)
    back = W2.T @ delta2
    delta1 = back * relu_prime(Z1)
    gW1, gb1, gW2, gb2 = relu_softmax_gradients(W1, b1, W2, b2, X, Y)
    sigmoid_way = back * sigmoid_prime(Z1)
    return "\n".join([
        f"Inputs {n0}, a ReLU hidden layer of {n1} units, {n2} classes, m = {m} samples.",
        *grid("  X  = ", X, 1),
        *grid("  W1 = ", W1, 1),
        *grid("  b1 = ", b1, 1),
        *grid("  Z1 = W1 X + b1 = ", Z1, 2),
        *grid("  A1 = relu(Z1)  = ", A1, 2),
        f"  Dead units (z ≤ 0 for every sample): "
        f"{', '.join(str(int(i) + 1) for i in np.flatnonzero(dead_units(Z1)))}.",
        "",
        "BP1 (ex27) and BP2 through the ReLU's slope:",
        *grid("  δ2 = A2 − Y    = ", delta2),
        *grid("  W2ᵀ δ2         = ", back),
        *grid("  relu′(Z1)      = ", relu_prime(Z1), 0),
        *grid("  δ1 = W2ᵀδ2 ⊙ relu′(Z1) = ", delta1),
        "",
        "The gradients, averaged over the batch:",
        *grid("  ∂C/∂W1 = δ1 Xᵀ / m  = ", gW1),
        *grid("  ∂C/∂b1 = mean of δ1 = ", gb1),
        *grid("  ∂C/∂W2 = δ2 A1ᵀ / m = ", gW2),
        f"  ∂C/∂b2 = mean of δ2 = {', '.join(show(v, 4, fixed=True) for v in gb2[:, 0])}",
        f"  Unit {dead + 1}'s row of ∂C/∂W1, its ∂C/∂b1 and (its a is 0) its column of ∂C/∂W2",
        "  are exactly 0: no step moves it.",
        f"  With σ′ in place of relu′ its δ would be "
        f"{', '.join(show(v, 4, fixed=True) for v in sigmoid_way[dead])} instead.",
    ])
