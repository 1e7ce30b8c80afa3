"""Wrong variants of `numerical_gradients(weights, biases, activations, X, Y, h)` that learners
write; each name matches exercise.toml. They nudge copies, never the caller's arrays."""

import numpy as np

from reference.activations import ACTIVATIONS


def _mean_half_squared(A, Y):
    return np.mean(0.5 * np.sum((Y - A) ** 2, axis=0))


def _estimates(weights, biases, activations, X, Y, h, cost=_mean_half_squared,
               difference="central"):
    weights = [np.array(W, dtype=float) for W in weights]
    biases = None if biases is None else [np.array(b, dtype=float) for b in biases]

    def C():
        A = X
        for layer, W in enumerate(weights):
            Z = W @ A if biases is None else W @ A + biases[layer]
            A = ACTIVATIONS[activations[layer]].fn(Z)
        return cost(A, Y)

    def estimate(P):
        G = np.zeros_like(P)
        for i in np.ndindex(P.shape):
            old = P[i]
            base = C()
            P[i] = old + h
            up = C()
            P[i] = old - h
            down = C()
            P[i] = old
            if difference == "forward":
                G[i] = (up - base) / h
            elif difference == "over_h":
                G[i] = (up - down) / h
            else:
                G[i] = (up - down) / (2 * h)
        return G

    grad_w = [estimate(W) for W in weights]
    grad_b = None if biases is None else [estimate(b) for b in biases]
    return grad_w, grad_b


def forward_difference(weights, biases, activations, X, Y, h):
    return _estimates(weights, biases, activations, X, Y, h, difference="forward")


def summed_cost(weights, biases, activations, X, Y, h):
    return _estimates(weights, biases, activations, X, Y, h,
                      cost=lambda A, Y: np.sum(0.5 * np.sum((Y - A) ** 2, axis=0)))


def factor_two(weights, biases, activations, X, Y, h):
    return _estimates(weights, biases, activations, X, Y, h, difference="over_h")


def mean_over_units(weights, biases, activations, X, Y, h):
    return _estimates(weights, biases, activations, X, Y, h,
                      cost=lambda A, Y: 0.5 * np.mean((Y - A) ** 2))


def nudge_not_seen_by_cost(weights, biases, activations, X, Y, h):
    """A copy is nudged while the cost runs on the caller's arrays: C never moves."""
    grad_w = [np.zeros_like(W, dtype=float) for W in weights]
    grad_b = None if biases is None else [np.zeros_like(b, dtype=float) for b in biases]
    return grad_w, grad_b
