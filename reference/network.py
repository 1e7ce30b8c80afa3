"""A fully connected network and backpropagation, vectorized over the batch.

Conventions: samples are columns (X is (n_in, m)), W^l is (n_out, n_in), b^l is
(n_out, 1), and δ^l is per sample (not divided by m); the 1/m of the mean cost
appears only in the parameter gradients.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from reference.activations import ACTIVATIONS, Array
from reference.costs import Cost, batch_cost, get_cost


@dataclass
class Network:
    weights: list[Array]
    biases: list[Array] | None
    activations: list[str]

    def __post_init__(self) -> None:
        # Same objects when already float64 arrays, so in-place probes (gradcheck) still work.
        self.weights = [np.asarray(W, dtype=np.float64) for W in self.weights]
        if self.biases is not None:
            self.biases = [np.asarray(b, dtype=np.float64) for b in self.biases]
        if len(self.activations) != len(self.weights) or not self.weights:
            raise ValueError("need one activation name per layer and at least one layer")
        for name in self.activations:
            if name not in ACTIVATIONS:
                raise ValueError(f"unknown activation {name!r}")
        if any(W.ndim != 2 for W in self.weights):
            raise ValueError("every weight matrix must be 2-D (n_out, n_in)")
        for prev, W in zip(self.weights, self.weights[1:], strict=False):
            if W.shape[1] != prev.shape[0]:
                raise ValueError(f"weight shapes {prev.shape} -> {W.shape} do not chain")
        if self.biases is not None:
            if len(self.biases) != len(self.weights):
                raise ValueError("need one bias per layer (or biases=None)")
            for W, b in zip(self.weights, self.biases, strict=True):
                if b.shape != (W.shape[0], 1):
                    raise ValueError(f"bias shape {b.shape} does not match weight {W.shape}")

    @property
    def sizes(self) -> list[int]:
        return [self.weights[0].shape[1]] + [W.shape[0] for W in self.weights]

    @property
    def n_layers(self) -> int:
        return len(self.weights)

    def copy(self) -> Network:
        biases = None if self.biases is None else [b.copy() for b in self.biases]
        return Network([W.copy() for W in self.weights], biases, list(self.activations))

    @classmethod
    def from_sizes(
        cls,
        sizes: list[int],
        activations: list[str] | str,
        rng: np.random.Generator,
        bias: bool = True,
        scale: float = 1.0,
    ) -> Network:
        """Gaussian init; weights divided by sqrt(n_in) so pre-activations stay O(1)."""
        pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
        if isinstance(activations, str):
            activations = [activations] * len(pairs)
        weights = [scale * rng.standard_normal((o, i)) / np.sqrt(i) for i, o in pairs]
        biases = [rng.standard_normal((n_out, 1)) for _, n_out in pairs] if bias else None
        return cls(weights, biases, list(activations))


@dataclass
class Forward:
    zs: list[Array]  # z^1 .. z^L, each (n_l, m)
    activations: list[Array]  # a^0 = X, a^1 .. a^L


@dataclass
class Gradients:
    deltas: list[Array]  # δ^1 .. δ^L, per sample, (n_l, m)
    grad_w: list[Array]
    grad_b: list[Array] | None
    cost: float


@dataclass
class TrainResult:
    network: Network
    costs: list[float] = field(default_factory=list)  # cost on the whole set after each epoch


def _batch(X: ArrayLike) -> Array:
    X = np.array(X, dtype=np.float64)  # a copy, so callers can't alias our results
    if X.ndim != 2:
        raise ValueError(f"a batch must be 2-D (features, samples), got shape {X.shape}")
    return X


def forward(net: Network, X: ArrayLike) -> Forward:
    return _forward(net, _batch(X))


def _forward(net: Network, a: Array) -> Forward:
    zs, acts = [], [a]
    for layer, (W, name) in enumerate(zip(net.weights, net.activations, strict=True)):
        z = W @ a
        if net.biases is not None:
            z = z + net.biases[layer]
        a = ACTIVATIONS[name].fn(z)
        zs.append(z)
        acts.append(a)
    return Forward(zs, acts)


def backprop(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    cost: Cost | str = "half_squared",
) -> Gradients:
    cost = get_cost(cost)
    X, Y = _batch(X), _batch(Y)
    fw, deltas, grad_w, grad_b = _backprop(net, X, Y, cost, 1 / Y.shape[1])
    return Gradients(deltas, grad_w, grad_b, _cost(net, fw, Y, cost))


def _cost(net: Network, fw: Forward, Y: Array, cost: Cost) -> float:
    logits = fw.zs[-1] if net.activations[-1] == "sigmoid" else None
    return batch_cost(cost, fw.activations[-1], Y, logits)


def _backprop(net: Network, X: Array, Y: Array, cost: Cost, scale: float):
    """BP1-BP4 on arrays the caller owns (no copies, no cost): train's inner loop. The parameter
    gradients come out times `scale`: 1/m gives the mean cost's, η/m an SGD step's move, so that
    the step costs no second pass over each W."""
    fw = _forward(net, X)
    acts = fw.activations
    # f′(z) from a = f(z), which the forward pass kept: no second f.
    last = ACTIVATIONS[net.activations[-1]]
    if last.name == "sigmoid" and cost.sigmoid_delta is not None:
        delta = cost.sigmoid_delta(acts[-1], Y)  # BP1, σ′ cancelled exactly
    else:
        delta = cost.derivative(acts[-1], Y) * last.prime_from_output(acts[-1])  # BP1
    deltas = [delta]
    for layer in range(net.n_layers - 2, -1, -1):
        prime = ACTIVATIONS[net.activations[layer]].prime_from_output(acts[layer + 1])
        delta = (net.weights[layer + 1].T @ delta) * prime  # BP2
        deltas.append(delta)
    deltas.reverse()

    grad_w = [scale * (d @ a.T) for d, a in zip(deltas, acts[:-1], strict=True)]  # BP4
    grad_b = None
    if net.biases is not None:
        grad_b = [scale * d.sum(axis=1, keepdims=True) for d in deltas]  # BP3
    return fw, deltas, grad_w, grad_b


def sgd_step(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    learning_rate: float,
    cost: Cost | str = "half_squared",
) -> Network:
    new = net.copy()
    _step(new, _batch(X), _batch(Y), learning_rate, get_cost(cost))
    return new


def _step(net: Network, X: Array, Y: Array, learning_rate: float, cost: Cost) -> None:
    """One SGD step that moves `net`'s own arrays, in place: callers pass a network they own."""
    _, _, moves_w, moves_b = _backprop(net, X, Y, cost, learning_rate / Y.shape[1])  # η × ∇C
    for W, move in zip(net.weights, moves_w, strict=True):
        W -= move
    if net.biases is not None and moves_b is not None:
        for b, move in zip(net.biases, moves_b, strict=True):
            b -= move


def train(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    seed: int,
    cost: Cost | str = "half_squared",
) -> TrainResult:
    """Mini-batch SGD; columns are reshuffled every epoch, the last partial batch is kept."""
    X, Y = _batch(X), _batch(Y)
    cost = get_cost(cost)
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    result = TrainResult(net.copy())  # the copy is the one that _step moves
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            cols = order[start : start + batch_size]  # fancy indexing: fresh arrays already
            _step(result.network, X[:, cols], Y[:, cols], learning_rate, cost)
        result.costs.append(_cost(result.network, _forward(result.network, X), Y, cost))
    return result


def predict(net: Network, X: ArrayLike) -> np.ndarray:
    """Index of the largest output unit for each sample, shape (m,)."""
    return np.argmax(forward(net, X).activations[-1], axis=0)


def accuracy(net: Network, X: ArrayLike, labels: ArrayLike) -> float:
    """Fraction correct; ``labels`` is either one-hot (n_out, m) or class indices (m,)."""
    labels = np.asarray(labels)
    if labels.ndim == 2:
        labels = np.argmax(labels, axis=0)
    return float(np.mean(predict(net, X) == labels))
