"""Finite-difference gradients: the independent witness that backprop is right."""

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from reference.activations import Array
from reference.costs import Cost, batch_cost
from reference.network import Network, backprop, forward


def _central_differences(param: Array, f: Callable[[], float], h: float) -> Array:
    grad = np.zeros_like(param)
    for i in np.ndindex(param.shape):
        old = param[i]
        param[i] = old + h
        up = f()
        param[i] = old - h
        down = f()
        param[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def numerical_gradients(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    cost: Cost | str = "half_squared",
    h: float = 1e-5,
) -> tuple[list[Array], list[Array] | None]:
    """Central differences of the batch cost for every weight and bias."""
    probe = net.copy()  # we nudge the copy's arrays in place; the caller's net is never touched

    def f() -> float:
        return batch_cost(cost, forward(probe, X).activations[-1], Y)

    grad_w = [_central_differences(W, f, h) for W in probe.weights]
    grad_b = None
    if probe.biases is not None:
        grad_b = [_central_differences(b, f, h) for b in probe.biases]
    return grad_w, grad_b


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    """‖a − b‖ / max(‖a‖, ‖b‖), and 0.0 when both are zero."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def gradient_check(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    cost: Cost | str = "half_squared",
    h: float = 1e-5,
) -> float:
    """Largest relative error between backprop and finite differences, over all parameter arrays."""
    g = backprop(net, X, Y, cost)
    num_w, num_b = numerical_gradients(net, X, Y, cost, h)
    pairs = list(zip(g.grad_w, num_w, strict=True))
    if g.grad_b is not None and num_b is not None:
        pairs += list(zip(g.grad_b, num_b, strict=True))
    return max(relative_error(a, b) for a, b in pairs)
