"""Two weights in a chain (stage B): a1 = w1·x, a2 = w2·a1, no bias, no activation,
cost C = (a2 − y)².

The same pieces as the full network (identity activation, squared cost) and the same two
rules: the output's error dC/dz2 = dC/da2 · f′(z2) (BP1), passed back through w2 to give
dC/dz1 = w2 · dC/dz2 · f′(z1) (BP2); each weight's gradient is its error times its input
(BP4). Elementwise: floats in give np.float64 out, arrays in give arrays out.
"""

from dataclasses import dataclass

from numpy.typing import ArrayLike

from reference.activations import ACTIVATIONS, Array, as_float, scalar_or_array
from reference.costs import COSTS

_activation = ACTIVATIONS["identity"]
_cost = COSTS["squared"]


@dataclass(frozen=True)
class ChainTrace:
    """Every number of the chain x ──(w1)──▶ a1 ──(w2)──▶ a2, forward then backward."""

    a1: Array
    a2: Array
    C: Array
    dC_da2: Array  # 2(a2 − y)
    da2_dw2: Array  # = a1, the input of w2
    da2_da1: Array  # = w2
    da1_dw1: Array  # = x, the input of w1
    dC_da1: Array  # dC/da2 · w2
    dC_dw2: Array
    dC_dw1: Array


def chain_trace(w1: ArrayLike, w2: ArrayLike, x: ArrayLike, y: ArrayLike) -> ChainTrace:
    w1, w2, x = as_float(w1), as_float(w2), as_float(x)
    z1 = w1 * x
    a1 = _activation.fn(z1)
    z2 = w2 * a1
    a2 = _activation.fn(z2)
    delta2 = _cost.derivative(a2, y) * _activation.prime(z2)  # dC/dz2 (BP1)
    delta1 = w2 * delta2 * _activation.prime(z1)  # dC/dz1 (BP2)
    return ChainTrace(
        a1=a1,
        a2=a2,
        C=_cost.elementwise(a2, y),
        dC_da2=_cost.derivative(a2, y),
        da2_dw2=a1,
        da2_da1=scalar_or_array(w2 * _activation.prime(z2)),
        da1_dw1=scalar_or_array(x * _activation.prime(z1)),
        dC_da1=scalar_or_array(w2 * delta2),
        dC_dw2=scalar_or_array(delta2 * a1),  # BP4: error times input
        dC_dw1=scalar_or_array(delta1 * x),
    )


def chain_forward(w1: ArrayLike, w2: ArrayLike, x: ArrayLike) -> Array:
    return _activation.fn(as_float(w2) * _activation.fn(as_float(w1) * as_float(x)))


def chain_gradients(
    w1: ArrayLike, w2: ArrayLike, x: ArrayLike, y: ArrayLike
) -> tuple[Array, Array]:
    """(dC/dw1, dC/dw2) = (x · w2 · 2(a2 − y), a1 · 2(a2 − y))."""
    t = chain_trace(w1, w2, x, y)
    return t.dC_dw1, t.dC_dw2
