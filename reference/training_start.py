"""Stage G, why training fails at the start: ReLU inside backprop, dead units, and the first
weights of a network (their scale, and the symmetry of a constant start).

Conventions as in layers.py: samples are columns, W^l is (n_out, n_in), b^l is (n_out, 1),
δ is per sample and the 1/m of the mean cost sits in the gradients.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from reference import network, softmax
from reference.activations import Array, relu, relu_prime

# --- ReLU inside backprop ---------------------------------------------------------------------


def relu_hidden_error(W_next: ArrayLike, delta_next: ArrayLike, Z: ArrayLike) -> Array:
    """BP2 for a ReLU layer: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ relu′(z^l), with relu′(z) = 1 for
    z > 0 and 0 for z ≤ 0."""
    back = np.asarray(W_next, dtype=np.float64).T @ np.asarray(delta_next, dtype=np.float64)
    return back * relu_prime(Z)


def relu_softmax_gradients(W1: ArrayLike, b1: ArrayLike, W2: ArrayLike, b2: ArrayLike,
                           X: ArrayLike, Y: ArrayLike) -> tuple[Array, Array, Array, Array]:
    """(∂C/∂W1, ∂C/∂b1, ∂C/∂W2, ∂C/∂b2) of a ReLU hidden layer under a softmax output, the
    cost the batch's mean cross-entropy: ex28's answer."""
    W1, b1, W2, b2, X, Y = (np.asarray(v, dtype=np.float64) for v in (W1, b1, W2, b2, X, Y))
    m = X.shape[1]
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    delta2 = softmax.output_error(Z2, Y)  # BP1: A − Y
    delta1 = relu_hidden_error(W2, delta2, Z1)  # BP2 through the ReLU
    return (delta1 @ X.T / m, delta1.mean(axis=1, keepdims=True),
            delta2 @ A1.T / m, delta2.mean(axis=1, keepdims=True))


def dead_units(Z: ArrayLike) -> Array:
    """One boolean per unit (row): z ≤ 0 for every sample of the batch, so relu′ is 0 on all of
    them and the unit's weights and bias get a gradient of exactly 0."""
    return np.all(np.asarray(Z, dtype=np.float64) <= 0, axis=1)


# --- the first weights ------------------------------------------------------------------------


def init_network(sizes: list[int], seed: int) -> tuple[list[Array], list[Array]]:
    """ex29's start: rng = default_rng(seed); layer by layer, W = rng.standard_normal((n_out,
    n_in)) / √n_in, so each z = Σ_k w_k x_k has variance about the inputs' mean square, whatever
    n_in; every bias 0 (the random weights already make the units differ)."""
    rng = np.random.default_rng(seed)
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in pairs]
    biases = [np.zeros((n_out, 1)) for _, n_out in pairs]
    return weights, biases


def toy_data(sizes: list[int], seed: int, m: int = 20) -> tuple[Array, Array]:
    """A small training set for a network of these sizes: inputs N(0, 1), targets in
    [0.1, 0.9] (a sigmoid output can reach them)."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((sizes[0], m)), rng.uniform(0.1, 0.9, (sizes[-1], m))


def train_from(weights: list, biases: list, X: ArrayLike, Y: ArrayLike, steps: int,
               learning_rate: float, activations: str | list[str] = "sigmoid"
               ) -> list[network.Network]:
    """Full-batch gradient descent (C = ½‖y − a‖², the Stage F engine) from a given start:
    the network before each step and after the last, steps + 1 of them. `activations`: one
    name for every layer, or one per layer."""
    if isinstance(activations, str):
        activations = [activations] * len(weights)
    net = network.Network([np.array(W, dtype=np.float64) for W in weights],
                          [np.array(b, dtype=np.float64) for b in biases], list(activations))
    nets = [net]
    for _ in range(steps):
        nets.append(network.sgd_step(nets[-1], X, Y, learning_rate))
    return nets


def unit_signatures(net: network.Network, layer: int = 0) -> Array:
    """Row j: everything that tells hidden unit j of `layer` apart from the others, its
    incoming weights, its bias and its outgoing weights."""
    parts = [net.weights[layer]]
    if net.biases is not None:
        parts.append(net.biases[layer])
    if layer + 1 < net.n_layers:
        parts.append(net.weights[layer + 1].T)
    return np.hstack(parts)


def distinct_units(net: network.Network, layer: int = 0, tol: float = 1e-9) -> int:
    """How many different hidden units `layer` has: units whose signatures agree within
    tol · (1 + their size) count once."""
    rows = unit_signatures(net, layer)
    kinds: list[Array] = []
    for row in rows:
        if not any(np.max(np.abs(row - kind)) <= tol * (1 + np.max(np.abs(kind)))
                   for kind in kinds):
            kinds.append(row)
    return len(kinds)


def unit_spread(net: network.Network, layer: int = 0) -> float:
    """The largest gap between hidden unit 1's signature and any other unit's: 0 exactly when
    every unit of the layer is the same."""
    rows = unit_signatures(net, layer)
    return float(np.max(np.abs(rows - rows[0]))) if len(rows) > 1 else 0.0
