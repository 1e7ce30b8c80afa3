"""Stage F of the ladder, one function per step, in Nielsen's notation: the same engine
(network.py, gradcheck.py) seen through the plain lists a learner passes around.

Conventions: samples are columns, W^l is (n_out, n_in), b^l is (n_out, 1) or the biases are None,
C = ½‖y − a‖² per sample, averaged over the mini-batch; δ is per sample, the 1/m sits in the
gradients. BP1–BP4 are Nielsen's four equations.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from reference import gradcheck, network
from reference.activations import ACTIVATIONS, Array, sigmoid_prime
from reference.costs import COSTS

COST = "half_squared"


def as_network(weights: list, biases: list | None, activations: list[str]) -> network.Network:
    return network.Network([np.array(W, dtype=np.float64) for W in weights],
                           None if biases is None else [np.array(b, dtype=np.float64)
                                                        for b in biases],
                           list(activations))


def layer_forward(W: ArrayLike, b: ArrayLike | None, A_prev: ArrayLike,
                  activation: str) -> tuple[Array, Array]:
    """z = W a_prev + b, a = f(z), for a whole batch at once."""
    Z = np.asarray(W, dtype=np.float64) @ np.asarray(A_prev, dtype=np.float64)
    if b is not None:
        Z = Z + np.asarray(b, dtype=np.float64)
    return Z, ACTIVATIONS[activation].fn(Z)


def output_error(Z: ArrayLike, A: ArrayLike, Y: ArrayLike) -> Array:
    """BP1 for a sigmoid output layer: δ^L = ∇_a C ⊙ σ′(z^L) = (a − y) ⊙ σ′(z^L)."""
    return COSTS[COST].derivative(A, Y) * sigmoid_prime(Z)


def hidden_error(W_next: ArrayLike, delta_next: ArrayLike, Z: ArrayLike) -> Array:
    """BP2 for a sigmoid layer: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)."""
    return (np.asarray(W_next, dtype=np.float64).T @ np.asarray(delta_next, dtype=np.float64)
            ) * sigmoid_prime(Z)


def layer_gradients(delta: ArrayLike, A_prev: ArrayLike) -> tuple[Array, Array]:
    """BP4 and BP3 averaged over the batch: ∂C/∂W = δ a_prevᵀ / m, ∂C/∂b = mean of δ."""
    delta = np.asarray(delta, dtype=np.float64)
    m = delta.shape[1]
    return delta @ np.asarray(A_prev, dtype=np.float64).T / m, delta.mean(axis=1, keepdims=True)


def backprop(weights: list, biases: list | None, activations: list[str], X: ArrayLike,
             Y: ArrayLike) -> tuple[list[Array], list[Array], list[Array] | None]:
    """(δ per layer, ∂C/∂W per layer, ∂C/∂b per layer or None without biases)."""
    g = network.backprop(as_network(weights, biases, activations), X, Y, COST)
    return g.deltas, g.grad_w, g.grad_b


def sgd_step(weights: list, biases: list | None, activations: list[str], X: ArrayLike,
             Y: ArrayLike, learning_rate: float) -> tuple[list[Array], list[Array] | None]:
    """One mini-batch step: every parameter moves by −η times its batch-averaged gradient."""
    net = network.sgd_step(as_network(weights, biases, activations), X, Y, learning_rate, COST)
    return net.weights, net.biases


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    return gradcheck.relative_error(a, b)


def numerical_gradients(weights: list, biases: list | None, activations: list[str],
                        X: ArrayLike, Y: ArrayLike, h: float = 1e-5
                        ) -> tuple[list[Array], list[Array] | None]:
    """Central differences (C(p + h) − C(p − h)) / 2h for every weight and bias."""
    return gradcheck.numerical_gradients(as_network(weights, biases, activations), X, Y,
                                         COST, h)


def network_cost(weights: list, biases: list | None, activations: list[str], X: ArrayLike,
                 Y: ArrayLike) -> float:
    net = as_network(weights, biases, activations)
    return float(np.mean(COSTS[COST].per_sample(network.forward(net, X).activations[-1], Y)))
