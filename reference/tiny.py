"""A tiny network by hand (stage E): 3 inputs, 2 sigmoid hidden units, 1 linear output, and
the cost C = (a − y)² for one sample.

    h_j = σ(z_j),  z_j = w_j1·x1 + w_j2·x2 + w_j3·x3 + b_j      (j = 1, 2)
    a   = v1·h1 + v2·h2 + c

The exercises pass the parameters as small arrays: x (3,), W (2, 3) with row j the weights into
hidden unit j, b (2,), v (2,) and a float c. Every answer here is computed by the general engine
(`reference.network`): the parameters are packed into a `Network` with sizes [3, 2, 1] and
activations ["sigmoid", "identity"], and the engine's results are unpacked again, so this file
and the engine can never disagree. The engine stores samples as columns and averages gradients
over the batch; with one sample (m = 1) that average is the sample's own gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from reference.activations import ACTIVATIONS, Array
from reference.costs import COSTS
from reference.network import Network, backprop, forward

ACTIVATION_NAMES = ["sigmoid", "identity"]
COST = "squared"
_hidden = ACTIVATIONS["sigmoid"]
_cost = COSTS[COST]


def tiny_network(W: ArrayLike, b: ArrayLike, v: ArrayLike, c: float) -> Network:
    """The engine's view of the tiny network: weights [W, v as a (1, 2) row], biases as columns."""
    W = np.array(W, dtype=np.float64)
    b = np.array(b, dtype=np.float64).reshape(-1, 1)
    v = np.array(v, dtype=np.float64).reshape(1, -1)
    c = np.array(c, dtype=np.float64).reshape(1, 1)
    return Network([W, v], [b, c], list(ACTIVATION_NAMES))


def unpack(net: Network) -> tuple[Array, Array, Array, float]:
    """(W, b, v, c) back from a tiny `Network`."""
    W, v = net.weights
    b, c = net.biases
    return W.copy(), b[:, 0].copy(), v[0].copy(), float(c[0, 0])


def _column(x: ArrayLike) -> Array:
    return np.array(x, dtype=np.float64).reshape(-1, 1)  # one sample = one column


@dataclass(frozen=True)
class TinyTrace:
    """Every number of one sample's forward and backward pass, scalars named as in the text."""

    z: Array  # (2,) the hidden units' weighted inputs z1, z2
    h: Array  # (2,) h_j = σ(z_j)
    a: float  # the output v1·h1 + v2·h2 + c
    C: float  # (a − y)²
    dC_da: float  # 2(a − y)
    sigma_prime: Array  # (2,) σ′(z_j) = h_j(1 − h_j)
    dC_dz: Array  # (2,) dC/dz_j = 2(a − y) · v_j · σ′(z_j)
    dW: Array  # (2, 3) dC/dw_jk = dC/dz_j · x_k
    db: Array  # (2,) dC/db_j = dC/dz_j
    dv: Array  # (2,) dC/dv_j = 2(a − y) · h_j
    dc: float  # dC/dc = 2(a − y)


def tiny_trace(x: ArrayLike, y: float, W: ArrayLike, b: ArrayLike, v: ArrayLike,
               c: float) -> TinyTrace:
    net = tiny_network(W, b, v, c)
    X, Y = _column(x), np.array([[y]], dtype=np.float64)
    fw = forward(net, X)
    g = backprop(net, X, Y, COST)
    z = fw.zs[0][:, 0]
    a = float(fw.activations[2][0, 0])
    return TinyTrace(
        z=z.copy(),
        h=fw.activations[1][:, 0].copy(),
        a=a,
        C=g.cost,
        dC_da=float(_cost.derivative(a, y)),
        sigma_prime=np.asarray(_hidden.prime(z), dtype=np.float64),
        dC_dz=g.deltas[0][:, 0].copy(),
        dW=g.grad_w[0].copy(),
        db=g.grad_b[0][:, 0].copy(),
        dv=g.grad_w[1][0].copy(),
        dc=float(g.grad_b[1][0, 0]),
    )


def tiny_forward(x: ArrayLike, W: ArrayLike, b: ArrayLike, v: ArrayLike,
                 c: float) -> tuple[Array, float]:
    """(h, a): the hidden activations, shape (2,), and the output, a float."""
    fw = forward(tiny_network(W, b, v, c), _column(x))
    return fw.activations[1][:, 0].copy(), float(fw.activations[2][0, 0])


def tiny_gradients(x: ArrayLike, y: float, W: ArrayLike, b: ArrayLike, v: ArrayLike,
                   c: float) -> tuple[Array, Array, Array, float]:
    """(dW, db, dv, dc) for one sample: the same shapes as (W, b, v, c)."""
    return batch_gradients(_column(x), np.array([[y]], dtype=np.float64), W, b, v, c)


def batch_gradients(X: ArrayLike, Y: ArrayLike, W: ArrayLike, b: ArrayLike, v: ArrayLike,
                    c: float) -> tuple[Array, Array, Array, float]:
    """Gradients of the mean cost over a batch: X is (3, m), samples as columns; Y is (1, m)."""
    g = backprop(tiny_network(W, b, v, c), X, np.array(Y, dtype=np.float64).reshape(1, -1), COST)
    return (g.grad_w[0].copy(), g.grad_b[0][:, 0].copy(), g.grad_w[1][0].copy(),
            float(g.grad_b[1][0, 0]))


def batch_cost(X: ArrayLike, Y: ArrayLike, W: ArrayLike, b: ArrayLike, v: ArrayLike,
               c: float) -> float:
    """The mean over the batch of (a − y)²."""
    Y = np.array(Y, dtype=np.float64).reshape(1, -1)
    return backprop(tiny_network(W, b, v, c), X, Y, COST).cost


def standardize(X: ArrayLike) -> Array:
    """(X − mean) / std per feature: X is (n_features, m), samples as columns, so the mean and
    the (population) standard deviation run along axis 1. A feature that never changes (std 0)
    is divided by 1 instead, so it becomes all zeros rather than NaN."""
    X = np.array(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (features, samples), got shape {X.shape}")
    mean = X.mean(axis=1, keepdims=True)
    std = X.std(axis=1, keepdims=True)
    return (X - mean) / np.where(std == 0, 1.0, std)


# --- random cases for the tiny-network steps -----------------------------------------------

CASE_KINDS = ("ordinary", "ordinary", "zero_inputs", "some_zero", "saturated", "wide")


def _round2(values: ArrayLike) -> Array:
    return np.round(np.asarray(values, dtype=np.float64), 2) + 0.0  # + 0.0: no −0.0


def _away_from_zero(rng: np.random.Generator, size: int, low: float, high: float) -> Array:
    return _round2(rng.choice([-1.0, 1.0], size=size) * rng.uniform(low, high, size=size))


def tiny_case(rng: np.random.Generator, kind: str, *, target: bool = False) -> dict:
    """x, W, b, v, c (and with `target` the target y, drawn last) for one case of a kind of
    CASE_KINDS, every number rounded to 2 decimals.

    "zero_inputs" has every input 0 (then z = b), "some_zero" negative inputs with one 0,
    "saturated" weights that push every hidden unit far out (|z| up to about 20, σ′ ≈ 0), "wide"
    inputs in [−3, 3]. No weight is 0; biases, output weights and y stay at least 0.1 away from
    0, so that forgetting one always shows."""
    x = _round2(rng.uniform(-2.0, 2.0, size=3))
    W = _round2(rng.uniform(-1.5, 1.5, size=(2, 3)))
    if kind == "zero_inputs":
        x = np.zeros(3)
    elif kind == "some_zero":
        x = -np.abs(x)
        x[int(rng.integers(3))] = 0.0
    elif kind == "saturated":
        x = _away_from_zero(rng, 3, 1.0, 2.0)
        W = _round2(np.sign(x) * rng.uniform(2.0, 3.5, size=(2, 3)))  # every term pushes one way
        W[1] = -W[1]  # unit 1 near σ = 1, unit 2 near σ = 0
    elif kind == "wide":
        x = _round2(rng.uniform(-3.0, 3.0, size=3))
    W[W == 0] = 0.05
    case = {
        "x": x,
        "W": W,
        "b": _away_from_zero(rng, 2, 0.1, 1.0),
        "v": _away_from_zero(rng, 2, 0.2, 2.0),
        "c": float(_away_from_zero(rng, 1, 0.1, 1.0)[0]),
    }
    if target:
        case["y"] = float(_away_from_zero(rng, 1, 0.2, 2.5)[0])
    return case


def tiny_cases(rng: np.random.Generator, arguments: list[str], count: int, *,
               target: bool = False) -> list[dict]:
    """`count` cases cycling through CASE_KINDS, each reduced to the named arguments."""
    cases = []
    for index in range(count):
        case = tiny_case(rng, CASE_KINDS[index % len(CASE_KINDS)], target=target)
        cases.append({name: case[name] for name in arguments})
    return cases


def shrink_tiny_case(case: dict) -> list[dict]:
    """Simpler versions of a failing case: everything rounded to 1 decimal, or one more input set
    to 0 (always keeping one input that is not 0, so that dW still shows something)."""
    candidates = []
    rounded = {name: (_round1(value) if isinstance(value, np.ndarray | float) else value)
               for name, value in case.items()}
    if any(not np.array_equal(rounded[n], case[n]) for n in case):
        candidates.append(rounded)
    if np.count_nonzero(case["x"]) > 1:
        for k in np.flatnonzero(case["x"]):
            x = case["x"].copy()
            x[k] = 0.0
            candidates.append({**case, "x": x})
    return candidates


def _round1(value: Array | float) -> Array | float:
    rounded = np.round(value, 1) + 0.0  # + 0.0 turns −0.0 into 0.0
    return rounded if isinstance(value, np.ndarray) else float(rounded)
