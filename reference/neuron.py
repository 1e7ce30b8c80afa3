"""The one-weight neuron: a = w·x, no bias, cost C = (a − y)².

Reference answers for the first exercises, built from the same pieces as the
full network so the two can never disagree. Elementwise: floats in give
np.float64 out, arrays in give arrays out.
"""

from numpy.typing import ArrayLike

from reference.activations import ACTIVATIONS, Array, as_float
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
