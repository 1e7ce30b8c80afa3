"""One neuron: a = w·x with no bias (stage A), then a = f(w·x + b) (stages C and D); the cost
is always C = (a − y)².

Reference answers for the first exercises, built from the same pieces as the
full network so the two can never disagree. Elementwise: floats in give
np.float64 out, arrays in give arrays out.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from reference.activations import ACTIVATIONS, Array, as_float, scalar_or_array
from reference.costs import COSTS

_activation = ACTIVATIONS["identity"]
_cost = COSTS["squared"]


def forward(w: ArrayLike, x: ArrayLike) -> Array:
    return _activation.fn(as_float(w) * as_float(x))


def cost(a: ArrayLike, y: ArrayLike) -> Array:
    return _cost.elementwise(a, y)


def cost_derivative(a: ArrayLike, y: ArrayLike) -> Array:
    return _cost.derivative(a, y)


def weight_gradient(w: ArrayLike, x: ArrayLike, y: ArrayLike) -> Array:
    """dC/dw = dC/da · da/dz · dz/dw = 2(wx − y) · 1 · x."""
    z = as_float(w) * as_float(x)
    return cost_derivative(_activation.fn(z), y) * _activation.prime(z) * as_float(x)


def update(w: ArrayLike, x: ArrayLike, y: ArrayLike, learning_rate: float) -> Array:
    return as_float(w) - learning_rate * weight_gradient(w, x, y)


# --- Stage A continued: many steps, and the size of a step ------------------------------


def train(
    w: ArrayLike, x: ArrayLike, y: ArrayLike, learning_rate: float, steps: int
) -> tuple[Array, list[Array]]:
    """Repeat `update` `steps` times; costs[k] is the cost at the weight *before* update k."""
    w = as_float(w)
    costs = []
    for _ in range(int(steps)):
        costs.append(cost(forward(w, x), y))
        w = update(w, x, y, learning_rate)
    return w[()], costs


def cost_curvature() -> float:
    """d²C/da²: how fast dC/da = 2(a − y) grows per unit of a (2 for the squared cost)."""
    return float(_cost.derivative(1.0, 0.0) - _cost.derivative(0.0, 0.0))


def error_factor(x: ArrayLike, learning_rate: ArrayLike) -> Array:
    """One update multiplies the error w·x − y by this number: 1 − η·x²·d²C/da² = 1 − 2ηx².

    (new w)·x − y = w·x − y − η·x·dC/da·x, and dC/da = 2(w·x − y) is the error times 2."""
    x = as_float(x)
    return scalar_or_array(1.0 - as_float(learning_rate) * cost_curvature() * x * x)


def learning_rate_limits(x: ArrayLike) -> tuple[Array, Array]:
    """(one_step_rate, divergence_rate): the error factor is 0 at the first, −1 at the second.

    For C = (a − y)² that is 1/(2x²) and 1/x²."""
    x = as_float(x)
    steepness = cost_curvature() * x * x
    return scalar_or_array(1.0 / steepness), scalar_or_array(2.0 / steepness)


# --- Stages C and D: a bias, then an activation ----------------------------------------


@dataclass(frozen=True)
class NeuronTrace:
    """Every number of one neuron a = f(w·x + b) with C = (a − y)², forward then backward."""

    z: Array
    a: Array
    C: Array
    dC_da: Array
    da_dz: Array
    dC_dz: Array  # the neuron's "error" δ = dC/da · da/dz
    dz_dw: Array  # = x
    dz_db: Array  # = 1
    dC_dw: Array
    dC_db: Array


def neuron_trace(
    w: ArrayLike, b: ArrayLike, x: ArrayLike, y: ArrayLike, activation: str = "identity"
) -> NeuronTrace:
    f = ACTIVATIONS[activation]
    w, b, x = as_float(w), as_float(b), as_float(x)
    z = scalar_or_array(w * x + b)
    a = f.fn(z)
    dC_da = _cost.derivative(a, y)
    da_dz = f.prime(z)
    dC_dz = scalar_or_array(dC_da * da_dz)
    dz_dw = scalar_or_array(np.broadcast_to(x, np.shape(z)).copy())  # z grows by x per unit of w
    dz_db = scalar_or_array(np.ones(np.shape(z)))  # and by 1 per unit of b
    return NeuronTrace(
        z=z, a=a, C=_cost.elementwise(a, y), dC_da=dC_da, da_dz=da_dz, dC_dz=dC_dz,
        dz_dw=dz_dw, dz_db=dz_db,
        dC_dw=scalar_or_array(dC_dz * dz_dw), dC_db=scalar_or_array(dC_dz * dz_db),
    )


def bias_forward(w: ArrayLike, b: ArrayLike, x: ArrayLike) -> Array:
    return _activation.fn(as_float(w) * as_float(x) + as_float(b))


def bias_gradients(w: ArrayLike, b: ArrayLike, x: ArrayLike, y: ArrayLike) -> tuple[Array, Array]:
    """a = w·x + b: dC/dw = x · 2(a − y) and dC/db = 1 · 2(a − y)."""
    t = neuron_trace(w, b, x, y, "identity")
    return t.dC_dw, t.dC_db


def sigmoid_neuron_gradients(
    w: ArrayLike, b: ArrayLike, x: ArrayLike, y: ArrayLike
) -> tuple[Array, Array]:
    """a = σ(w·x + b): dC/dw = x · σ′(z) · 2(a − y) and dC/db = σ′(z) · 2(a − y)."""
    t = neuron_trace(w, b, x, y, "sigmoid")
    return t.dC_dw, t.dC_db
