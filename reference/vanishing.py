"""Why a deep sigmoid network learns slowly near its input (ex30, q19), and why the layers need a
nonlinearity at all.

Conventions as in layers.py: samples are columns, W^l is (n_out, n_in), b^l is (n_out, 1),
C = ½‖y − a‖² averaged over the batch; every layer here is a sigmoid unless said otherwise.
BP2 multiplies the error by (W^(l+1))ᵀ and by σ′(z^l) ≤ σ′(0) = 1/4 at every layer it passes, so
at a start with weights of size about 1 the gradients shrink roughly fourfold per layer.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from reference import layers
from reference.activations import Array, sigmoid_prime
from reference.network_cases import shrink_network_case

SIGMOID_SLOPE_MAX = float(sigmoid_prime(0.0))  # σ′(0) = 1/4, the largest σ′ can be


def gradient_norms(weights: list[ArrayLike], biases: list[ArrayLike], X: ArrayLike,
                   Y: ArrayLike) -> list[float]:
    """‖∂C/∂W^l‖ (the Frobenius norm: the square root of the sum of the squared entries) for
    every layer of a sigmoid network, the first layer first: ex30's answer."""
    _, grad_w, _ = layers.backprop(weights, biases, ["sigmoid"] * len(weights), X, Y)
    return [float(np.sqrt(np.sum(g * g))) for g in grad_w]


def slope_bound(layers_back: int) -> float:
    """The largest the product of σ′ factors can be after BP2 has passed the error back
    `layers_back` times: (1/4)^layers_back."""
    return SIGMOID_SLOPE_MAX ** int(layers_back)


def chain_error_ratio(weights: list[float], zs: list[float]) -> float:
    """δ^1 / δ^L in a chain of one sigmoid unit per layer: weights w^2..w^L (the weights the
    error passes back through) and z^1..z^(L−1) (where each σ′ is taken), by BP2."""
    delta = np.ones((1, 1))
    for w, z in zip(reversed(weights), reversed(zs), strict=True):
        delta = layers.hidden_error(np.array([[w]]), delta, np.array([[z]]))
    return float(delta[0, 0])


def collapse(weights: list[ArrayLike], biases: list[ArrayLike] | None = None
             ) -> tuple[Array, Array]:
    """(M, c) with layers of the identity activation computing a = M x + c: M = W^L ··· W^1
    (the last layer's matrix on the left) and c = the output for x = 0."""
    n_in = np.asarray(weights[0]).shape[1]
    if biases is None:
        biases = [None] * len(weights)
    M, c = np.eye(n_in), np.zeros((n_in, 1))
    for W, b in zip(weights, biases, strict=True):
        W = np.asarray(W, dtype=np.float64)
        M = W @ M
        c = W @ c + (0.0 if b is None else np.asarray(b, dtype=np.float64))
    return M, c


# --- ex30's cases -------------------------------------------------------------------------------


def deep_sigmoid_case(rng: np.random.Generator, depth: int) -> dict:
    """A sigmoid network of `depth` layers at a plain start (weights and biases N(0, 1)), widths
    2-6 with neighbours different and the hidden ones at least 2 (so no ∂C/∂W^l below the output
    is a single row or column, where the spectral norm would equal the Frobenius norm), a batch
    of m ≥ 3 samples, m never a width (so a sum over the batch is never a factor 2 away from the
    mean), and targets in [0.1, 0.9]."""
    sizes = [int(rng.integers(2, 7))]
    for _ in range(depth - 1):
        sizes.append(int(rng.choice([w for w in range(2, 7) if w != sizes[-1]])))
    sizes.append(int(rng.choice([w for w in range(1, 4) if w != sizes[-1]])))
    m = int(rng.choice([k for k in range(3, 10) if k not in sizes]))
    weights = [rng.standard_normal((n_out, n_in))
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    X = rng.uniform(-1.0, 1.0, (sizes[0], m))
    Y = rng.uniform(0.1, 0.9, (sizes[-1], m))
    return {"weights": weights, "biases": biases, "X": X, "Y": Y}


def shrink_deep_case(case: dict) -> list[dict]:
    """Smaller neighbours of an ex30 case (every layer a sigmoid): those of network_cases."""
    full = {**case, "activations": ["sigmoid"] * len(case["weights"])}
    smaller = []
    for candidate in shrink_network_case(full):
        candidate.pop("activations")
        smaller.append(candidate)
    return smaller
