"""Cost functions, each with its derivative ∂C_x/∂a right next to it.

A 2-D ``a`` is a batch with one sample per column: ``per_sample`` sums over the
output units (rows) and gives shape (m,). For 0-d and 1-D inputs every entry is
treated as its own one-output sample, so ``per_sample`` is just ``elementwise``.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from reference.activations import Array, as_float, scalar_or_array

EPS = 1e-12


@dataclass(frozen=True)
class Cost:
    name: str
    elementwise: Callable[[ArrayLike, ArrayLike], Array]
    derivative: Callable[[ArrayLike, ArrayLike], Array]

    def per_sample(self, a: ArrayLike, y: ArrayLike) -> Array:
        c = self.elementwise(a, y)
        return c.sum(axis=0) if np.ndim(c) == 2 else c


def squared(a: ArrayLike, y: ArrayLike) -> Array:
    return scalar_or_array((as_float(a) - as_float(y)) ** 2)


def squared_prime(a: ArrayLike, y: ArrayLike) -> Array:
    return scalar_or_array(2.0 * (as_float(a) - as_float(y)))


def half_squared(a: ArrayLike, y: ArrayLike) -> Array:
    return scalar_or_array(0.5 * (as_float(a) - as_float(y)) ** 2)


def half_squared_prime(a: ArrayLike, y: ArrayLike) -> Array:
    return scalar_or_array(as_float(a) - as_float(y))


def _clip(a: ArrayLike) -> Array:
    # Keeps ln(a), ln(1 - a) and the division below finite when a saturates at 0 or 1.
    return np.clip(as_float(a), EPS, 1.0 - EPS)


def cross_entropy(a: ArrayLike, y: ArrayLike) -> Array:
    a, y = _clip(a), as_float(y)
    return scalar_or_array(-(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)))


def cross_entropy_prime(a: ArrayLike, y: ArrayLike) -> Array:
    a, y = _clip(a), as_float(y)
    return scalar_or_array((a - y) / (a * (1.0 - a)))


COSTS: dict[str, Cost] = {
    c.name: c
    for c in (
        Cost("squared", squared, squared_prime),
        Cost("half_squared", half_squared, half_squared_prime),
        Cost("cross_entropy", cross_entropy, cross_entropy_prime),
    )
}


def get_cost(cost: Cost | str) -> Cost:
    return COSTS[cost] if isinstance(cost, str) else cost


def batch_cost(cost: Cost | str, A: ArrayLike, Y: ArrayLike) -> float:
    """Mean over the batch (columns) of the per-sample cost."""
    return float(np.mean(get_cost(cost).per_sample(A, Y)))
