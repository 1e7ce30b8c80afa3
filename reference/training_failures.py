"""Symptoms of training that fails, measured on a network (the capstone's checks, q20's numbers).

Conventions as in layers.py: samples are columns, W^l is (n_out, n_in), b^l is (n_out, 1),
sigmoid layers.

- Symmetry: hidden units that start equal (every weight 0, say) get equal gradients and stay
  equal, so a layer of n units computes what one unit does (float rounding may split the copies
  into a few groups, never into n different units).
- Saturation: where |z| is large, σ′(z) ≈ 0, so almost no error passes back and the weights
  into those units hardly move (a start far too large, or η so large that a step throws them
  there).
- Weights that never moved: the network the training returns is its start.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from reference import neuron
from reference.activations import Array, sigmoid

SATURATED_SLOPE = 0.01  # σ′(z) < 0.01: |z| > 4.6, a within 0.0101 of 0 or 1


def hidden_activations(weights: list[ArrayLike], biases: list[ArrayLike],
                       X: ArrayLike) -> list[Array]:
    """a^1 .. a^(L−1): every hidden layer's activations for the batch X."""
    A, hidden = np.asarray(X, dtype=np.float64), []
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        A = sigmoid(np.asarray(W, dtype=np.float64) @ A + np.asarray(b, dtype=np.float64))
        hidden.append(A)
    return hidden


def mean_hidden_slope(weights: list[ArrayLike], biases: list[ArrayLike], X: ArrayLike) -> float:
    """The mean of σ′(z) = a(1 − a) over every hidden unit and every sample: 0.25 at most,
    about 0.1 in a network that trained well, near 0 when the hidden layer is saturated."""
    slopes = [A * (1.0 - A) for A in hidden_activations(weights, biases, X)]
    return float(np.mean(np.concatenate([s.ravel() for s in slopes])))


def saturated_share(weights: list[ArrayLike], biases: list[ArrayLike], X: ArrayLike) -> float:
    """The share of (hidden unit, sample) pairs with σ′(z) < 0.01."""
    slopes = [A * (1.0 - A) for A in hidden_activations(weights, biases, X)]
    return float(np.mean(np.concatenate([s.ravel() for s in slopes]) < SATURATED_SLOPE))


def distinct_units(A: ArrayLike, atol: float = 1e-3) -> int:
    """How many different units a layer's activations A (units × samples) hold: two units are
    the same when their activations agree within `atol` on every sample."""
    A = np.asarray(A, dtype=np.float64)
    kept: list[Array] = []
    for row in A:
        if not any(np.abs(row - other).max() <= atol for other in kept):
            kept.append(row)
    return len(kept)


def copied_hidden_units(weights: list[ArrayLike], biases: list[ArrayLike], X: ArrayLike,
                        atol: float = 1e-3) -> tuple[int, int] | None:
    """(units, distinct) for the first hidden layer whose units are mostly copies of each other:
    of its `units` units that are not saturated on every sample (those all look alike, pinned
    at 0 or 1), only `distinct` ≤ units / 2 differ on the batch X. Else None. A symmetric start
    (every weight 0) leaves one unit copied n times; float rounding may split the copies into a
    few groups during training, never into n different units."""
    for A in hidden_activations(weights, biases, X):
        live = A[(A * (1.0 - A)).max(axis=1) >= SATURATED_SLOPE]
        units = live.shape[0]
        distinct = distinct_units(live, atol)
        if units >= 2 and distinct <= units // 2:
            return units, distinct
    return None


def same_parameters(first: tuple[list[ArrayLike], list[ArrayLike]],
                    second: tuple[list[ArrayLike], list[ArrayLike]],
                    rtol: float = 1e-12) -> bool:
    """Two (weights, biases) of the same shapes and values."""
    a = [np.asarray(v, dtype=np.float64) for v in [*first[0], *first[1]]]
    b = [np.asarray(v, dtype=np.float64) for v in [*second[0], *second[1]]]
    return len(a) == len(b) and all(
        x.shape == y.shape and np.allclose(x, y, rtol=rtol, atol=0.0)
        for x, y in zip(a, b, strict=True))


def neuron_run(w: float, x: float, y: float, learning_rate: float,
               steps: int) -> tuple[list[float], list[float]]:
    """Stage A's neuron a = w·x with C = (a − y)², trained `steps` steps: (the output a before
    each step, the cost before each step)."""
    outputs, costs = [], []
    for _ in range(int(steps)):
        a = float(neuron.forward(w, x))
        outputs.append(a)
        costs.append(float(neuron.cost(a, y)))
        w = float(neuron.update(w, x, y, learning_rate))
    return outputs, costs
