"""Randomized network cases as the plain values a learner's function receives (lists of arrays,
activation names, a batch), and smaller versions of one: fewer layers, fewer samples, narrower
layers. Exercise folders build their `cases.py` generators and shrinkers from these."""

from __future__ import annotations

import numpy as np

from reference.random_nets import random_batch, random_network

NetworkCase = dict


def network_case(rng: np.random.Generator, *, kinkless: bool = True, **options) -> NetworkCase:
    """weights, biases (None or one (n, 1) array per layer), activations, X, Y.

    Redrawn while a relu unit sits within 1e-3 of its kink, where a derivative is ambiguous."""
    while True:
        net = random_network(rng, kinkless=kinkless, **options)
        X, Y = random_batch(rng, net)
        if kinkless or _away_from_kinks(net, X):
            return {"weights": net.weights, "biases": net.biases,
                    "activations": list(net.activations), "X": X, "Y": Y}


def _away_from_kinks(net, X) -> bool:
    from reference.random_nets import relu_margin

    return relu_margin(net, X) > 1e-3


def shrink_network_case(case: NetworkCase) -> list[NetworkCase]:
    """Smaller neighbours of a case, biggest reductions first. Other arguments are kept."""
    weights, biases, activations = case["weights"], case["biases"], case["activations"]
    X, Y = case["X"], case["Y"]
    depth = len(weights)
    candidates: list[NetworkCase] = []

    def variant(w, b, acts, x, y) -> None:
        candidates.append({**case, "weights": w, "biases": b, "activations": acts, "X": x,
                           "Y": y})

    if depth > 1:  # drop the last layer; the new output needs targets of its width
        width = weights[-2].shape[0]
        variant(weights[:-1], None if biases is None else biases[:-1], activations[:-1], X,
                np.resize(Y, (width, Y.shape[1])))
    if X.shape[1] > 1:
        variant(weights, biases, activations, X[:, :-1], Y[:, :-1])
    for layer in range(depth - 1):  # a hidden layer one unit narrower
        if weights[layer].shape[0] > 1:
            w = list(weights)
            w[layer] = weights[layer][:-1]
            w[layer + 1] = weights[layer + 1][:, :-1]
            b = None if biases is None else [*biases[:layer], biases[layer][:-1],
                                             *biases[layer + 1:]]
            variant(w, b, activations, X, Y)
    if weights[0].shape[1] > 1:  # one input feature fewer
        variant([weights[0][:, :-1], *weights[1:]], biases, activations, X[:-1], Y)
    if weights[-1].shape[0] > 1:  # one output unit fewer
        b = None if biases is None else [*biases[:-1], biases[-1][:-1]]
        variant([*weights[:-1], weights[-1][:-1]], b, activations, X, Y[:-1])
    return candidates
