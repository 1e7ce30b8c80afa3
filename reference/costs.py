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
    # For a sigmoid output: δ = ∂C/∂z and C computed from the logits z directly, where the
    # product ∂C/∂a · σ′(z) and ln σ(z) lose everything once the neuron saturates.
    sigmoid_delta: Callable[[ArrayLike, ArrayLike], Array] | None = None
    from_logits: Callable[[ArrayLike, ArrayLike], Array] | None = None

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


def cross_entropy_delta(a: ArrayLike, y: ArrayLike) -> Array:
    """δ for a sigmoid output: ∂C/∂a · σ′(z) = (a − y)/(a(1 − a)) · a(1 − a) = a − y. Written as
    the product, the clip above stops cancelling σ′ once σ′(z) < 1e-12 (|z| > 27.6): at z = 30,
    y = 0 it gives 0.093 instead of 1, exactly the saturated neuron cross-entropy rescues."""
    return scalar_or_array(as_float(a) - as_float(y))


def cross_entropy_from_logits(z: ArrayLike, y: ArrayLike) -> Array:
    """−[y ln σ(z) + (1 − y) ln(1 − σ(z))] = max(z, 0) − y·z + ln(1 + e^−|z|), finite for any z
    (the clipped form caps a wrong saturated answer's cost at ln(1e12) ≈ 27.6)."""
    z, y = as_float(z), as_float(y)
    return scalar_or_array(np.maximum(z, 0.0) - y * z + np.log1p(np.exp(-np.abs(z))))


COSTS: dict[str, Cost] = {
    c.name: c
    for c in (
        Cost("squared", squared, squared_prime),
        Cost("half_squared", half_squared, half_squared_prime),
        Cost("cross_entropy", cross_entropy, cross_entropy_prime, cross_entropy_delta,
             cross_entropy_from_logits),
    )
}


def get_cost(cost: Cost | str) -> Cost:
    return COSTS[cost] if isinstance(cost, str) else cost


def batch_cost(cost: Cost | str, A: ArrayLike, Y: ArrayLike, Z: ArrayLike | None = None) -> float:
    """Mean over the batch (columns) of the per-sample cost; from the logits `Z` of a sigmoid
    output where the cost has a form for them."""
    cost = get_cost(cost)
    if Z is not None and cost.from_logits is not None:
        c = cost.from_logits(Z, Y)
        return float(np.mean(c.sum(axis=0) if np.ndim(c) == 2 else c))
    return float(np.mean(cost.per_sample(A, Y)))
