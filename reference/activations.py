"""Activation functions, each with its derivative right next to it.

All functions are elementwise, accept python floats or arrays and return float64
(an ``np.float64`` for scalar input, an array for array input).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def as_float(x: ArrayLike) -> Array:
    return np.asarray(x, dtype=np.float64)


def scalar_or_array(x: Array) -> Array:
    # np.where and friends return 0-d arrays; `[()]` turns those into np.float64 scalars.
    return np.asarray(x)[()]


@dataclass(frozen=True)
class Activation:
    name: str
    fn: Callable[[ArrayLike], Array]
    prime: Callable[[ArrayLike], Array]
    # f'(z) written with a = f(z), which backprop has already: σ' = a(1 − a), tanh' = 1 − a².
    prime_from_output: Callable[[Array], Array]

    def __call__(self, z: ArrayLike) -> Array:
        return self.fn(z)


def identity(z: ArrayLike) -> Array:
    return scalar_or_array(np.array(z, dtype=np.float64))


def identity_prime(z: ArrayLike) -> Array:
    return scalar_or_array(np.ones_like(as_float(z)))


def sigmoid(z: ArrayLike) -> Array:
    z = as_float(z)
    # For z < -709, exp(-z) overflows to inf and 1 / (1 + inf) = 0; for large z it underflows
    # to 0 and σ = 1: right answers, not errors. One formula, four array operations.
    with np.errstate(over="ignore", under="ignore"):
        return scalar_or_array(1.0 / (1.0 + np.exp(-z)))


def sigmoid_prime(z: ArrayLike) -> Array:
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: ArrayLike) -> Array:
    return scalar_or_array(np.tanh(as_float(z)))


def tanh_prime(z: ArrayLike) -> Array:
    return 1.0 - tanh(z) ** 2


def relu(z: ArrayLike) -> Array:
    return scalar_or_array(np.maximum(as_float(z), 0.0))


def relu_prime(z: ArrayLike) -> Array:
    # At the kink z = 0 we pick 0 (the subgradient most libraries use).
    return scalar_or_array((as_float(z) > 0).astype(np.float64))


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("identity", identity, identity_prime, np.ones_like),
        Activation("sigmoid", sigmoid, sigmoid_prime, lambda a: a * (1.0 - a)),
        Activation("tanh", tanh, tanh_prime, lambda a: 1.0 - a**2),
        Activation("relu", relu, relu_prime, lambda a: (a > 0).astype(np.float64)),
    )
}
