"""The engine's fast path (reference/network.py): `train` moves its own copy of the network in
place, and an SGD step is η/m times δ aᵀ in one multiply. These tests pin what that must not
change: the step is −η times backprop's gradients, and no caller's array is ever moved."""

import numpy as np
import pytest

from reference.network import Network, backprop, sgd_step, train
from reference.random_nets import random_batch, random_network

COST_NAMES = ["squared", "half_squared", "cross_entropy"]


def parameters(net: Network) -> list[np.ndarray]:
    return net.weights + (net.biases or [])


@pytest.mark.parametrize("seed", range(12))
def test_a_step_is_minus_eta_times_the_gradients(seed: int) -> None:
    rng = np.random.default_rng(seed)
    cost = COST_NAMES[seed % 3]
    net = random_network(rng, output="sigmoid" if cost == "cross_entropy" else None,
                         bias=seed % 2 == 0)
    X, Y = random_batch(rng, net, cost=cost)
    g = backprop(net, X, Y, cost)
    new = sgd_step(net, X, Y, 0.7, cost)
    assert (new.biases is None) == (net.biases is None) and new.activations == net.activations
    gradients = g.grad_w + (g.grad_b or [])
    for p, gp, moved in zip(parameters(net), gradients, parameters(new), strict=True):
        np.testing.assert_allclose(moved, p - 0.7 * gp, rtol=1e-14, atol=1e-15)
        assert not np.shares_memory(moved, p)


def test_read_only_inputs_are_never_written() -> None:
    rng = np.random.default_rng(3)
    net = random_network(rng, depth=3, bias=True)
    X, Y = random_batch(rng, net)
    before = [p.copy() for p in parameters(net)]
    for array in [*parameters(net), X, Y]:
        array.setflags(write=False)  # an in-place update of any of them raises
    stepped = sgd_step(net, X, Y, 0.5)
    trained = train(net, X, Y, epochs=3, batch_size=2, learning_rate=0.5, seed=0)
    for p, p0 in zip(parameters(net), before, strict=True):
        np.testing.assert_array_equal(p, p0)
    for result in (stepped, trained.network):
        assert all(q.flags.writeable for q in parameters(result))


@pytest.mark.parametrize("seed", range(6))
def test_train_is_sgd_step_over_the_shuffled_batches(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    cost = COST_NAMES[seed % 3]
    net = random_network(rng, output="sigmoid" if cost == "cross_entropy" else None)
    X, Y = random_batch(rng, net, cost=cost, m=11)
    by_hand, shuffles = net, np.random.default_rng(seed)
    for _ in range(3):
        order = shuffles.permutation(X.shape[1])
        for start in range(0, X.shape[1], 4):  # 4 + 4 + 3
            cols = order[start:start + 4]
            by_hand = sgd_step(by_hand, X[:, cols], Y[:, cols], 0.05, cost)
    result = train(net, X, Y, epochs=3, batch_size=4, learning_rate=0.05, seed=seed, cost=cost)
    for a, b in zip(parameters(result.network), parameters(by_hand), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-15)
    assert len(result.costs) == 3 and np.isfinite(result.costs).all()
    assert result.costs[-1] == pytest.approx(backprop(result.network, X, Y, cost).cost, rel=1e-14)
