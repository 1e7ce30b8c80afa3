"""Tests for the reference implementation that every exercise is graded against."""

import warnings

import numpy as np
import pytest

from reference import neuron
from reference.activations import ACTIVATIONS, sigmoid, sigmoid_prime
from reference.costs import COSTS, batch_cost
from reference.gradcheck import gradient_check, numerical_gradients, relative_error
from reference.network import Network, accuracy, backprop, forward, sgd_step, train
from reference.random_nets import random_batch, random_network, relu_margin

COST_NAMES = ["squared", "half_squared", "cross_entropy"]


def snapshot(net: Network) -> Network:
    return net.copy()


def assert_same_network(a: Network, b: Network) -> None:
    assert a.activations == b.activations
    for x, y in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(x, y)
    assert (a.biases is None) == (b.biases is None)
    if a.biases is not None and b.biases is not None:
        for x, y in zip(a.biases, b.biases, strict=True):
            np.testing.assert_array_equal(x, y)


def checkable_case(seed: int) -> tuple[Network, np.ndarray, np.ndarray, str]:
    """A random net and batch where finite differences are trustworthy."""
    rng = np.random.default_rng(seed)
    cost = COST_NAMES[seed % 3]
    square = seed % 4 == 0  # a square hidden W hides a missing transpose from shape checks
    while True:
        output = "sigmoid" if cost == "cross_entropy" else None
        net = random_network(rng, output=output, square=square)
        X, Y = random_batch(rng, net, cost=cost)
        # Near a relu kink the one-sided slopes differ, so a central difference is meaningless.
        if relu_margin(net, X) < 1e-3:
            continue
        # Vanishing gradients drown in the round-off of the difference quotient (~eps·C/h).
        grads = backprop(net, X, Y, cost).grad_w
        if min(np.linalg.norm(g) for g in grads) < 1e-4:
            continue
        return net, X, Y, cost


# --- backprop against finite differences -------------------------------------------------

CHUNK = 12


@pytest.mark.parametrize("first_seed", range(0, 240, CHUNK))
def test_backprop_matches_finite_differences(first_seed: int) -> None:
    for seed in range(first_seed, first_seed + CHUNK):
        net, X, Y, cost = checkable_case(seed)
        g = backprop(net, X, Y, cost)
        num_w, num_b = numerical_gradients(net, X, Y, cost)
        where = f"seed={seed} cost={cost} sizes={net.sizes} acts={net.activations}"
        for layer, (a, b) in enumerate(zip(g.grad_w, num_w, strict=True)):
            assert a.shape == net.weights[layer].shape, where
            assert relative_error(a, b) < 1e-6, f"grad_w[{layer}] {where}"
        assert (g.grad_b is None) == (net.biases is None), where
        if g.grad_b is not None and num_b is not None:
            for layer, (a, b) in enumerate(zip(g.grad_b, num_b, strict=True)):
                assert a.shape == net.biases[layer].shape, where
                assert relative_error(a, b) < 1e-6, f"grad_b[{layer}] {where}"


def test_gradient_check_catches_a_wrong_gradient() -> None:
    net, X, Y, cost = checkable_case(3)
    assert gradient_check(net, X, Y, cost) < 1e-6
    # A missing 1/m is exactly the kind of slip the check must expose.
    g = backprop(net, X, Y, cost)
    num_w, _ = numerical_gradients(net, X, Y, cost)
    m = X.shape[1]
    assert relative_error(g.grad_w[0] * m, num_w[0]) > 0.5


def test_all_activations_and_costs_are_exercised() -> None:
    seen_acts, seen_costs, seen_bias = set(), set(), set()
    for seed in range(0, 240, 7):
        net, _, _, cost = checkable_case(seed)
        seen_acts.update(net.activations)
        seen_costs.add(cost)
        seen_bias.add(net.biases is None)
    assert seen_acts == set(ACTIVATIONS)
    assert seen_costs == set(COST_NAMES)
    assert seen_bias == {True, False}


# --- the one-weight neuron ------------------------------------------------------------------


@pytest.mark.parametrize("w", [-2.0, 0.0, 0.8, 1 / 3, 3.0])
def test_one_weight_gradient_by_hand(w: float) -> None:
    # C = (1.5w - 0.5)^2, so dC/dw = 2 * 1.5 * (1.5w - 0.5) = 4.5w - 1.5.
    assert np.isclose(neuron.weight_gradient(w, 1.5, 0.5), 4.5 * w - 1.5)


def test_one_weight_worked_example() -> None:
    a = neuron.forward(0.8, 1.5)
    assert np.isclose(a, 1.2)
    assert np.isclose(neuron.cost(a, 0.5), 0.49)
    assert np.isclose(neuron.cost_derivative(a, 0.5), 1.4)
    assert np.isclose(neuron.weight_gradient(0.8, 1.5, 0.5), 2.1)
    assert np.isclose(neuron.update(0.8, 1.5, 0.5, 0.1), 0.8 - 0.21)


def test_one_weight_update_converges() -> None:
    w = 0.8
    for _ in range(50):
        w = neuron.update(w, 1.5, 0.5, 0.1)
    assert np.isclose(w, 1 / 3, atol=1e-8)


def test_neuron_scalar_in_scalar_out_and_arrays_elementwise() -> None:
    for value in (
        neuron.forward(0.8, 1.5),
        neuron.cost(1.2, 0.5),
        neuron.cost_derivative(1.2, 0.5),
        neuron.weight_gradient(0.8, 1.5, 0.5),
        neuron.update(0.8, 1.5, 0.5, 0.1),
    ):
        assert isinstance(value, np.float64)
        assert np.shape(value) == ()
    ws = np.array([-2.0, 0.0, 0.8, 3.0])
    grads = neuron.weight_gradient(ws, 1.5, 0.5)
    assert grads.shape == (4,) and grads.dtype == np.float64
    np.testing.assert_allclose(grads, [neuron.weight_gradient(w, 1.5, 0.5) for w in ws])
    np.testing.assert_allclose(neuron.forward(2, np.array([1, 2])), [2.0, 4.0])


def test_neuron_equals_the_general_engine() -> None:
    rng = np.random.default_rng(0)
    for w, x, y in rng.uniform(-2, 2, (20, 3)):
        net = Network([np.array([[w]])], None, ["identity"])
        X, Y = np.array([[x]]), np.array([[y]])
        g = backprop(net, X, Y, "squared")
        assert np.isclose(forward(net, X).activations[-1][0, 0], neuron.forward(w, x))
        assert np.isclose(g.cost, neuron.cost(neuron.forward(w, x), y))
        assert np.isclose(g.grad_w[0][0, 0], neuron.weight_gradient(w, x, y))
        stepped = sgd_step(net, X, Y, 0.1, "squared")
        assert np.isclose(stepped.weights[0][0, 0], neuron.update(w, x, y, 0.1))
    # On a batch the engine averages: its gradient is the mean of the per-sample ones.
    xs, ys = rng.uniform(-2, 2, 7), rng.uniform(-2, 2, 7)
    g = backprop(Network([np.array([[0.3]])], None, ["identity"]), xs[None], ys[None], "squared")
    assert np.isclose(g.grad_w[0][0, 0], np.mean(neuron.weight_gradient(0.3, xs, ys)))


# --- activations ----------------------------------------------------------------------------


def test_sigmoid_is_stable_for_large_inputs() -> None:
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        s = sigmoid(z)
        p = sigmoid_prime(z)
        assert sigmoid(1000.0) == 1.0 and sigmoid(-1000.0) == 0.0
        assert sigmoid_prime(1000.0) == 0.0 and sigmoid_prime(-1000.0) == 0.0
        assert ACTIVATIONS["sigmoid"].fn(-1000.0) == 0.0
    assert np.all((s >= 0) & (s <= 1)) and np.all(p >= 0)
    assert s[2] == 0.5 and p[2] == 0.25
    mid = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(sigmoid(mid), 1 / (1 + np.exp(-mid)), rtol=1e-14)


def test_sigmoid_prime_is_s_times_one_minus_s() -> None:
    z = np.linspace(-8, 8, 33)
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(sigmoid_prime(z), s * (1 - s), rtol=1e-12)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_prime_matches_finite_difference(name: str) -> None:
    act = ACTIVATIONS[name]
    z = np.array([-3.0, -1.2, -0.4, 0.3, 0.9, 2.5])  # away from relu's kink at 0
    h = 1e-6
    numeric = (act.fn(z + h) - act.fn(z - h)) / (2 * h)
    np.testing.assert_allclose(act.prime(z), numeric, rtol=1e-7, atol=1e-9)


def test_activation_values_by_hand() -> None:
    z = np.array([-2.0, 0.0, 1.5])
    np.testing.assert_array_equal(ACTIVATIONS["identity"].fn(z), z)
    np.testing.assert_array_equal(ACTIVATIONS["relu"].fn(z), [0.0, 0.0, 1.5])
    np.testing.assert_array_equal(ACTIVATIONS["relu"].prime(z), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(ACTIVATIONS["tanh"].fn(z), np.tanh(z))
    for act in ACTIVATIONS.values():
        assert isinstance(act.fn(0.5), np.float64) and isinstance(act.prime(0.5), np.float64)
        assert act.fn(np.arange(3)).dtype == np.float64


# --- costs ----------------------------------------------------------------------------------


def test_cost_values_by_hand() -> None:
    a, y = np.array([[1.0], [2.0]]), np.array([[0.5], [4.0]])
    assert np.isclose(COSTS["squared"].per_sample(a, y)[0], 0.25 + 4.0)
    assert np.isclose(COSTS["half_squared"].per_sample(a, y)[0], (0.25 + 4.0) / 2)
    assert np.isclose(COSTS["cross_entropy"].elementwise(0.5, 1.0), np.log(2))
    assert np.isclose(COSTS["cross_entropy"].elementwise(0.25, 0.0), -np.log(0.75))
    assert np.isclose(COSTS["cross_entropy"].derivative(0.25, 1.0), -0.75 / (0.25 * 0.75))


@pytest.mark.parametrize("name", COST_NAMES)
def test_cost_derivative_matches_finite_difference(name: str) -> None:
    cost = COSTS[name]
    rng = np.random.default_rng(1)
    a, y = rng.uniform(0.1, 0.9, (3, 5)), rng.uniform(0.1, 0.9, (3, 5))
    h = 1e-6
    numeric = np.zeros_like(a)
    for i, j in np.ndindex(a.shape):
        up, down = a.copy(), a.copy()
        up[i, j] += h
        down[i, j] -= h
        # Nudging a[i, j] moves only sample j's cost.
        numeric[i, j] = (cost.per_sample(up, y)[j] - cost.per_sample(down, y)[j]) / (2 * h)
    np.testing.assert_allclose(cost.derivative(a, y), numeric, rtol=1e-6)


@pytest.mark.parametrize("name", COST_NAMES)
def test_per_sample_sums_rows_and_batch_cost_is_mean_of_columns(name: str) -> None:
    cost = COSTS[name]
    rng = np.random.default_rng(2)
    A, Y = rng.uniform(0.1, 0.9, (4, 7)), rng.uniform(0.1, 0.9, (4, 7))
    per = cost.per_sample(A, Y)
    assert per.shape == (7,)
    for j in range(7):
        assert np.isclose(per[j], sum(cost.elementwise(A[i, j], Y[i, j]) for i in range(4)))
    assert np.isclose(batch_cost(cost, A, Y), sum(per) / 7)
    assert np.isclose(batch_cost(name, A, Y), batch_cost(cost, A, Y))
    # 1-D input: every entry is its own one-output sample.
    np.testing.assert_allclose(cost.per_sample(A[0], Y[0]), cost.elementwise(A[0], Y[0]))


def test_cross_entropy_is_finite_at_saturation() -> None:
    ce = COSTS["cross_entropy"]
    with np.errstate(all="raise"):
        assert np.isfinite(ce.elementwise(np.array([0.0, 1.0]), np.array([1.0, 0.0]))).all()
        assert np.isfinite(ce.derivative(np.array([0.0, 1.0]), np.array([1.0, 0.0]))).all()


# --- network --------------------------------------------------------------------------------


def test_forward_shapes_and_values() -> None:
    net = random_network(np.random.default_rng(5), depth=3, bias=True)
    X, _ = random_batch(np.random.default_rng(6), net)
    fw = forward(net, X)
    m = X.shape[1]
    assert len(fw.zs) == net.n_layers and len(fw.activations) == net.n_layers + 1
    np.testing.assert_array_equal(fw.activations[0], X)
    for layer, (z, a) in enumerate(zip(fw.zs, fw.activations[1:], strict=True)):
        assert z.shape == a.shape == (net.sizes[layer + 1], m)
        # One sample at a time, written out longhand.
        for j in range(m):
            prev = fw.activations[layer][:, j]
            expected = net.weights[layer] @ prev + net.biases[layer][:, 0]
            np.testing.assert_allclose(z[:, j], expected)
        np.testing.assert_allclose(a, ACTIVATIONS[net.activations[layer]].fn(z))


def test_output_delta_is_per_sample_and_bias_grad_is_its_mean() -> None:
    rng = np.random.default_rng(7)
    net = random_network(rng, sizes=[3, 4, 2], activations=["tanh", "identity"], bias=True)
    X, Y = random_batch(rng, net, m=5)
    g = backprop(net, X, Y, "half_squared")
    a_out = forward(net, X).activations[-1]
    # Identity output with ½Σ(a−y)²: δ^L = a − y exactly, not divided by m.
    np.testing.assert_allclose(g.deltas[-1], a_out - Y)
    np.testing.assert_allclose(g.grad_b[-1], (a_out - Y).sum(axis=1, keepdims=True) / 5)
    np.testing.assert_allclose(g.grad_w[-1], (a_out - Y) @ np.tanh(forward(net, X).zs[0]).T / 5)
    assert [d.shape for d in g.deltas] == [(4, 5), (2, 5)]
    assert np.isclose(g.cost, 0.5 * np.sum((a_out - Y) ** 2) / 5)


def test_no_biases_is_first_class() -> None:
    rng = np.random.default_rng(8)
    net = random_network(rng, depth=2, bias=False)
    X, Y = random_batch(rng, net)
    assert backprop(net, X, Y).grad_b is None
    assert sgd_step(net, X, Y, 0.1).biases is None
    assert numerical_gradients(net, X, Y)[1] is None


@pytest.mark.parametrize("seed", range(10))
def test_half_squared_gradients_are_exactly_half_the_squared_ones(seed: int) -> None:
    rng = np.random.default_rng(seed)
    net = random_network(rng)
    X, Y = random_batch(rng, net)
    half, full = backprop(net, X, Y, "half_squared"), backprop(net, X, Y, "squared")
    assert full.cost == 2 * half.cost
    for a, b in zip(full.grad_w, half.grad_w, strict=True):
        np.testing.assert_array_equal(a, 2 * b)
    if full.grad_b is not None and half.grad_b is not None:
        for a, b in zip(full.grad_b, half.grad_b, strict=True):
            np.testing.assert_array_equal(a, 2 * b)


def test_sgd_step_moves_against_the_gradient() -> None:
    rng = np.random.default_rng(9)
    net = random_network(rng, depth=2, bias=True, kinkless=True)
    X, Y = random_batch(rng, net)
    g = backprop(net, X, Y)
    new = sgd_step(net, X, Y, 0.01)
    for W, gW, W2 in zip(net.weights, g.grad_w, new.weights, strict=True):
        np.testing.assert_allclose(W2, W - 0.01 * gW)
    assert backprop(new, X, Y).cost < g.cost


def test_nothing_mutates_its_inputs() -> None:
    rng = np.random.default_rng(10)
    net = random_network(rng, depth=3, bias=True)
    X, Y = random_batch(rng, net)
    before, X0, Y0 = snapshot(net), X.copy(), Y.copy()
    fw = forward(net, X)
    fw.activations[0][:] = 99.0  # results must not alias the caller's arrays
    backprop(net, X, Y)
    new = sgd_step(net, X, Y, 0.5)
    numerical_gradients(net, X, Y)
    result = train(net, X, Y, epochs=2, batch_size=3, learning_rate=0.5, seed=0)
    assert_same_network(net, before)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    assert all(a is not b for a, b in zip(new.weights, net.weights, strict=True))
    assert all(a is not b for a, b in zip(result.network.weights, net.weights, strict=True))


def test_network_validates_shapes() -> None:
    with pytest.raises(ValueError):
        Network([np.zeros((3, 2)), np.zeros((2, 4))], None, ["tanh", "tanh"])
    with pytest.raises(ValueError):
        Network([np.zeros((3, 2))], [np.zeros((2, 1))], ["tanh"])
    with pytest.raises(ValueError):
        Network([np.zeros((3, 2))], None, ["softmax"])
    with pytest.raises(ValueError):
        Network([np.zeros((3, 2))], None, ["tanh", "tanh"])
    net = Network.from_sizes([4, 3, 2], "sigmoid", np.random.default_rng(0), bias=False)
    assert net.sizes == [4, 3, 2] and net.n_layers == 2 and net.biases is None


def test_train_reduces_cost_on_a_separable_problem() -> None:
    rng = np.random.default_rng(11)
    labels = rng.integers(0, 2, 60)
    X = rng.normal(0, 0.5, (2, 60)) + np.where(labels == 1, 2.0, -2.0)
    Y = np.eye(2)[:, labels]
    net = Network.from_sizes([2, 3, 2], "sigmoid", rng)
    start = batch_cost("half_squared", forward(net, X).activations[-1], Y)
    result = train(net, X, Y, epochs=30, batch_size=7, learning_rate=2.0, seed=0)
    assert len(result.costs) == 30
    assert result.costs[-1] < start / 4
    assert accuracy(result.network, X, labels) == 1.0
    assert accuracy(result.network, X, Y) == 1.0
    again = train(net, X, Y, epochs=30, batch_size=7, learning_rate=2.0, seed=0)
    assert_same_network(again.network, result.network)
    other = train(net, X, Y, epochs=1, batch_size=7, learning_rate=2.0, seed=1)
    assert not np.array_equal(other.network.weights[0], result.network.weights[0])


def test_train_uses_the_last_partial_batch() -> None:
    # With batch_size ≥ m one epoch is exactly one full-batch step.
    rng = np.random.default_rng(12)
    net = random_network(rng, depth=2, kinkless=True)
    X, Y = random_batch(rng, net, m=7)
    once = train(net, X, Y, epochs=1, batch_size=10, learning_rate=0.3, seed=0).network
    for a, b in zip(once.weights, sgd_step(net, X, Y, 0.3).weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)  # same step, columns summed in another order
    # 7 = 3 + 3 + 1: the lone last column must still get its own step.
    order = np.random.default_rng(0).permutation(7)
    by_hand = net
    for cols in (order[:3], order[3:6], order[6:]):
        by_hand = sgd_step(by_hand, X[:, cols], Y[:, cols], 0.3)
    three = train(net, X, Y, epochs=1, batch_size=3, learning_rate=0.3, seed=0).network
    for a, b in zip(three.weights, by_hand.weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)


# --- random networks ------------------------------------------------------------------------


def test_random_networks_avoid_coincidences() -> None:
    depths, biases = set(), set()
    for seed in range(300):
        rng = np.random.default_rng(seed)
        cost = COST_NAMES[seed % 3]
        net = random_network(rng, output="sigmoid" if cost == "cross_entropy" else None)
        X, Y = random_batch(rng, net, cost=cost)
        sizes = net.sizes
        depths.add(net.n_layers)
        biases.add(net.biases is None)
        assert all(2 <= s <= 6 for s in sizes), sizes
        assert all(a != b for a, b in zip(sizes, sizes[1:], strict=False)), sizes
        assert X.shape[1] not in sizes and X.shape[1] >= 3
        assert X.shape == (sizes[0], X.shape[1]) and Y.shape == (sizes[-1], X.shape[1])
        assert np.all(np.abs(Y) >= 0.1)
        if net.activations[-1] == "sigmoid":
            assert np.all((Y > 0) & (Y < 1))
    assert depths == {1, 2, 3, 4} and biases == {True, False}


def test_random_network_square_hidden_matrix() -> None:
    for seed in range(100):
        net = random_network(np.random.default_rng(seed), square=True)
        sizes = net.sizes
        equal = [i for i in range(len(sizes) - 1) if sizes[i] == sizes[i + 1]]
        assert len(equal) == 1, sizes
        # Both ends are hidden layers, so the square W^{l+1} is transposed in BP2.
        assert 1 <= equal[0] and equal[0] + 1 <= len(sizes) - 2, sizes
        W = net.weights[equal[0]]
        assert W.shape[0] == W.shape[1] and not np.allclose(W, W.T)
    with pytest.raises(ValueError):
        random_network(np.random.default_rng(0), depth=2, square=True)


def test_random_network_is_deterministic_and_honours_arguments() -> None:
    a = random_network(np.random.default_rng(42))
    b = random_network(np.random.default_rng(42))
    assert_same_network(a, b)
    net = random_network(
        np.random.default_rng(0), sizes=[3, 5, 2], activations="relu", output="sigmoid", bias=False
    )
    assert net.sizes == [3, 5, 2] and net.activations == ["relu", "sigmoid"] and net.biases is None
    for seed in range(50):
        assert "relu" not in random_network(np.random.default_rng(seed), kinkless=True).activations
    with pytest.raises(ValueError):
        random_batch(np.random.default_rng(0), net, m=5)
    with pytest.raises(ValueError):
        tanh_out = random_network(np.random.default_rng(0), activations="tanh")
        random_batch(np.random.default_rng(0), tanh_out, cost="cross_entropy")


def test_relative_error() -> None:
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert np.isclose(relative_error([3.0, 4.0], [0.0, 0.0]), 1.0)
    assert np.isclose(relative_error([1.0, 0.0], [0.0, 1.0]), np.sqrt(2))
    assert np.isclose(relative_error([1.0, 2.0], [1.0, 2.0 + 1e-8]), 1e-8 / np.sqrt(5 + 4e-8))


@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu"])
def test_prime_from_output_equals_prime(name):
    from reference.activations import ACTIVATIONS

    z = np.linspace(-30, 30, 601) + 0.05  # away from relu's kink at 0
    activation = ACTIVATIONS[name]
    np.testing.assert_array_equal(activation.prime_from_output(activation.fn(z)),
                                  activation.prime(z))
