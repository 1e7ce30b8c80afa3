"""Beyond the capstone: the cross-entropy cost (Nielsen's chapter 3) and a tiny autograd.

Conventions as in layers.py: samples are columns, δ = ∂C/∂z per sample.
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from reference.activations import Array, sigmoid, sigmoid_prime
from reference.costs import COSTS


def output_error_cross_entropy(Z: ArrayLike, A: ArrayLike, Y: ArrayLike) -> Array:
    """BP1 for a sigmoid output layer under the binary cross-entropy
    C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]: δ^L = ∂C/∂a ⊙ σ′(z^L), and the σ′ cancels:
    A − Y, which is why chapter 3 uses it. Computed as the product, it fails exactly where it
    matters, at a saturated neuron (costs.cross_entropy_delta); tested equal to the product
    wherever that is accurate."""
    return COSTS["cross_entropy"].sigmoid_delta(A, Y)


def quadratic_output_error(Z: ArrayLike, A: ArrayLike, Y: ArrayLike) -> Array:
    """The same BP1 under C = ½‖y − a‖², for comparison: (A − Y) ⊙ σ′(Z)."""
    return COSTS["half_squared"].derivative(A, Y) * sigmoid_prime(Z)


# --- ex34's expression, by hand --------------------------------------------------------------
#
#   u = x·y + x,   s = σ(u),   q = u·s,   f = q² + x
#
# so  ∂f/∂u = 2q·(s + u·σ′(u)),   ∂f/∂x = ∂f/∂u·(y + 1) + 1,   ∂f/∂y = ∂f/∂u·x.


def expression(x: float, y: float) -> float:
    u = x * y + x
    return float((u * sigmoid(u)) ** 2 + x)


def expression_gradients(x: float, y: float) -> tuple[float, float, float]:
    """(f, ∂f/∂x, ∂f/∂y) for f = (u·σ(u))² + x with u = x·y + x, by the chain rule by hand."""
    x, y = float(x), float(y)
    u = x * y + x
    s = float(sigmoid(u))
    q = u * s
    df_du = 2.0 * q * (s + u * float(sigmoid_prime(u)))
    return q * q + x, df_du * (y + 1.0) + 1.0, df_du * x


def numerical_expression_gradients(x: float, y: float, h: float = 1e-6) -> tuple[float, float]:
    """Central differences of `expression`, for checking the hand formula."""
    return ((expression(x + h, y) - expression(x - h, y)) / (2 * h),
            (expression(x, y + h) - expression(x, y - h)) / (2 * h))



def expression_nodes(x: float, y: float) -> list[tuple[str, str, float, float]]:
    """Every node of ex34's graph as (name, how it is computed, value, ∂f/∂node), from the
    output down, by hand: a node used twice sums the gradients from both uses."""
    x, y = float(x), float(y)
    p = x * y
    u = p + x
    s = float(sigmoid(u))
    q = u * s
    r = q * q
    f = r + x
    df_dq = 2.0 * q
    df_ds = df_dq * u
    df_du = df_dq * s + df_ds * float(sigmoid_prime(u))  # u feeds q directly and through s
    return [
        ("f", "r + x", f, 1.0),
        ("r", "q ** 2", r, 1.0),
        ("q", "u * s", q, df_dq),
        ("s", "u.sigmoid()", s, df_ds),
        ("u", "p + x", u, df_du),
        ("p", "x * y", p, df_du),
        ("x", "input", x, df_du * y + df_du + 1.0),  # through p, through u, and into f
        ("y", "input", y, df_du * x),
    ]
