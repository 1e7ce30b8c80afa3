"""The softmax output layer and its cross-entropy cost, value and derivative side by side.

Conventions as in layers.py: samples are columns, so softmax normalises each column over the
units (axis 0); the cost is the mean over the batch; δ = ∂C_x/∂z is per sample.

    a_j = e^(z_j) / Σ_k e^(z_k)            softmax; the same for z − c with any c per column
    ln a_j = (z_j − c) − ln Σ_k e^(z_k − c)  log-softmax, with c = max_k z_k: nothing overflows
    C_x = −Σ_j y_j ln a_j                   cross-entropy of one sample (one-hot y)
    ∂a_i/∂z_j = a_i(1[i = j] − a_j)          the Jacobian: a full matrix, not a diagonal
    δ_j = Σ_i ∂C/∂a_i · ∂a_i/∂z_j = a_j − y_j   (Σ_i y_i = 1)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from reference.activations import Array


def _logits(Z: ArrayLike) -> Array:
    Z = np.asarray(Z, dtype=np.float64)
    if Z.ndim != 2:
        raise ValueError(f"logits must be 2-D (units, samples), got shape {Z.shape}")
    return Z


def log_softmax(Z: ArrayLike) -> Array:
    """ln softmax(Z), column by column, shifted by each column's max: finite for any logits
    (−1000 for a unit 1000 below the best one, where softmax itself rounds to 0)."""
    Z = _logits(Z)
    shifted = Z - Z.max(axis=0, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))


def softmax(Z: ArrayLike) -> Array:
    """e^(z − max) / Σ e^(z − max) per column: the largest exponent is e^0 = 1, so nothing
    overflows and the denominator is at least 1."""
    Z = _logits(Z)
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax_jacobian(z: ArrayLike) -> Array:
    """∂a_i/∂z_j for one sample's logits z (a vector): diag(a) − a aᵀ."""
    a = softmax(np.reshape(np.asarray(z, dtype=np.float64), (-1, 1)))[:, 0]
    return np.diag(a) - np.outer(a, a)


def cross_entropy(Z: ArrayLike, Y: ArrayLike) -> float:
    """Mean over the batch of −Σ_j y_j ln a_j, from the logits through log-softmax: a target
    whose probability underflows to 0 costs its true (large, finite) amount, never inf."""
    Y = np.asarray(Y, dtype=np.float64)
    return float(np.mean(-(Y * log_softmax(Z)).sum(axis=0)))


def output_error(Z: ArrayLike, Y: ArrayLike) -> Array:
    """δ^L = ∂C_x/∂z^L per sample: the Jacobian's off-diagonal terms make it A − Y."""
    return softmax(Z) - np.asarray(Y, dtype=np.float64)


def softmax_cross_entropy(Z: ArrayLike, Y: ArrayLike) -> tuple[float, Array]:
    """(the batch's mean cost, δ^L = A − Y): ex27's answer."""
    return cross_entropy(Z, Y), output_error(Z, Y)
