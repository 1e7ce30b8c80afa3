"""One backward loop that updates each layer as soon as its gradient is known (ex31).

Conventions as in layers.py. From the output down, layer l's turn computes its gradients from
δ^l, passes the error one layer back with the weights the forward pass used, and only then
moves W^l and b^l. The result is exactly one mini-batch SGD step (layers.sgd_step): every
gradient is taken at the same point, the network the batch went forward through.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from reference import layers
from reference.activations import ACTIVATIONS, Array


def backward_update(weights: list[ArrayLike], biases: list[ArrayLike] | None,
                    activations: list[str], X: ArrayLike, Y: ArrayLike,
                    learning_rate: float) -> tuple[list[Array], list[Array] | None]:
    """(new_weights, new_biases), both lists from the first layer to the last, new arrays."""
    return _loop(weights, biases, activations, X, Y, learning_rate, through_moved=False)


def passback_gap(weights: list[ArrayLike], biases: list[ArrayLike] | None,
                 activations: list[str], X: ArrayLike, Y: ArrayLike,
                 learning_rate: float) -> float:
    """How much the step changes when BP2 goes through the weights already moved: the largest
    difference of a new parameter below the output layer, relative to its layer's largest
    entry. 0 when nothing below the output learns from this batch (every relu off)."""
    right = _loop(weights, biases, activations, X, Y, learning_rate, through_moved=False)
    moved = _loop(weights, biases, activations, X, Y, learning_rate, through_moved=True)
    pairs = list(zip(right[0][:-1], moved[0][:-1], strict=True))
    if right[1] is not None:
        pairs += list(zip(right[1][:-1], moved[1][:-1], strict=True))
    return max(float(np.abs(a - b).max() / max(np.abs(a).max(), 1e-300)) for a, b in pairs)


def _loop(weights, biases, activations, X, Y, learning_rate, through_moved):
    Zs, As = [], [np.asarray(X, dtype=np.float64)]
    for layer, W in enumerate(weights):
        Z, A = layers.layer_forward(W, None if biases is None else biases[layer], As[-1],
                                    activations[layer])
        Zs.append(Z)
        As.append(A)
    L = len(weights)
    m = As[0].shape[1]
    new_w: list[Array | None] = [None] * L
    new_b: list[Array | None] | None = None if biases is None else [None] * L
    delta = (As[-1] - np.asarray(Y, dtype=np.float64)) * ACTIVATIONS[activations[-1]].prime(
        Zs[-1])  # BP1
    for layer in reversed(range(L)):
        W = np.asarray(weights[layer], dtype=np.float64)
        grad_w = delta @ As[layer].T / m  # BP4
        grad_b = delta.mean(axis=1, keepdims=True)  # BP3
        new_w[layer] = W - learning_rate * grad_w  # a new array: W itself does not move
        if layer > 0:  # BP2 with W as the forward pass used it
            back = new_w[layer] if through_moved else W
            delta = (back.T @ delta) * ACTIVATIONS[activations[layer - 1]].prime(Zs[layer - 1])
        if new_b is not None:
            new_b[layer] = np.asarray(biases[layer], dtype=np.float64) - learning_rate * grad_b
    return new_w, new_b
