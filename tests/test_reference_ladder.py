"""The reference answers of the ladder's middle steps (ex06–ex11): training loop, learning-rate
limits, two weights in a chain, the bias, the sigmoid neuron. Each is checked by hand on the
course's running example, against the general engine (`network.backprop` on a tiny network),
and against finite differences."""

import warnings

import numpy as np
import pytest

from reference import chain, neuron
from reference.activations import sigmoid, sigmoid_prime
from reference.network import Network, backprop

X, Y, W = 1.5, 0.5, 0.8  # the running example: a = 1.2, C = 0.49, dC/dw = 2.1


def scalar_cases(seed: int, count: int = 40):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        yield tuple(float(v) for v in rng.uniform(-2, 2, size=4))


def central_difference(f, value: float, h: float = 1e-6) -> float:
    return (f(value + h) - f(value - h)) / (2 * h)


# --- the running example, by hand ---------------------------------------------------------


def test_running_example_by_hand():
    assert neuron.forward(W, X) == pytest.approx(1.2)
    assert neuron.cost(neuron.forward(W, X), Y) == pytest.approx(0.49)
    assert neuron.weight_gradient(W, X, Y) == pytest.approx(2.1)
    assert neuron.update(W, X, Y, 0.1) == pytest.approx(0.59)


# --- ex06: the training loop --------------------------------------------------------------


def test_train_by_hand():
    w_final, costs = neuron.train(W, X, Y, 0.1, 2)
    assert w_final == pytest.approx(0.4745)
    assert costs == pytest.approx([0.49, 0.148225])


def test_train_records_the_cost_before_each_update():
    w_final, costs = neuron.train(W, X, Y, 0.1, 5)
    assert len(costs) == 5
    w = W
    for k in range(5):
        assert costs[k] == pytest.approx(float(neuron.cost(neuron.forward(w, X), Y)), rel=1e-12)
        w = neuron.update(w, X, Y, 0.1)
    assert w_final == pytest.approx(float(w), rel=1e-12)


def test_train_returns_plain_numbers_for_scalars():
    w_final, costs = neuron.train(W, X, Y, 0.1, 3)
    assert np.ndim(w_final) == 0
    assert isinstance(costs, list) and all(isinstance(c, float) for c in costs)


def test_train_converges_to_y_over_x():
    w_final, costs = neuron.train(W, X, Y, 0.1, 200)
    assert w_final == pytest.approx(Y / X, abs=1e-12)
    assert costs[-1] < 1e-25
    assert all(later < earlier for earlier, later in zip(costs[:20], costs[1:20], strict=False))


def test_train_costs_fall_by_the_squared_error_factor():
    _, costs = neuron.train(W, X, Y, 0.1, 6)
    factor = float(neuron.error_factor(X, 0.1))
    assert factor == pytest.approx(0.55)
    for earlier, later in zip(costs, costs[1:], strict=False):
        assert later / earlier == pytest.approx(factor**2, rel=1e-9)


def test_train_works_entry_by_entry_on_arrays():
    rng = np.random.default_rng(0)
    w, x, y = rng.uniform(-2, 2, (3, 5))
    w_final, costs = neuron.train(w, x, y, 0.05, 4)
    for i in range(5):
        wi, ci = neuron.train(w[i], x[i], y[i], 0.05, 4)
        assert w_final[i] == pytest.approx(float(wi), rel=1e-12)
        assert [c[i] for c in costs] == pytest.approx([float(c) for c in ci], rel=1e-12)


def test_train_does_not_change_its_input():
    w = np.array([0.8, -0.3])
    neuron.train(w, np.array([1.5, 2.0]), np.array([0.5, 0.1]), 0.1, 3)
    np.testing.assert_array_equal(w, [0.8, -0.3])


# --- ex07: the learning rate --------------------------------------------------------------


def test_learning_rate_limits_by_hand():
    one_step, divergence = neuron.learning_rate_limits(X)
    assert one_step == pytest.approx(1 / 4.5)  # 0.222
    assert divergence == pytest.approx(1 / 2.25)  # 0.444
    assert neuron.learning_rate_limits(2.0) == pytest.approx((0.125, 0.25))
    assert neuron.learning_rate_limits(-0.5) == pytest.approx((2.0, 4.0))


def test_cost_curvature_is_the_2_of_the_squared_cost():
    assert neuron.cost_curvature() == 2.0


@pytest.mark.parametrize("w,x,y,rate", list(scalar_cases(1, 30)))
def test_error_factor_is_what_one_update_does_to_the_error(w, x, y, rate):
    rate = abs(rate) / 4
    before = neuron.forward(w, x) - y
    after = neuron.forward(neuron.update(w, x, y, rate), x) - y
    assert after == pytest.approx(float(neuron.error_factor(x, rate)) * before, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("x", [0.3, -0.7, 1.5, 2.0, -3.0])
def test_one_step_rate_lands_on_the_best_weight(x):
    one_step, divergence = neuron.learning_rate_limits(x)
    assert neuron.forward(neuron.update(0.8, x, 0.5, one_step), x) == pytest.approx(0.5)
    assert neuron.error_factor(x, one_step) == pytest.approx(0.0, abs=1e-12)
    assert neuron.error_factor(x, divergence) == pytest.approx(-1.0)


@pytest.mark.parametrize("x", [0.3, -0.7, 1.5, 2.0])
def test_training_converges_below_the_divergence_rate_and_diverges_above(x):
    _, divergence = neuron.learning_rate_limits(x)
    _, below = neuron.train(0.8, x, 0.5, 0.95 * float(divergence), 60)
    _, above = neuron.train(0.8, x, 0.5, 1.05 * float(divergence), 60)
    assert below[-1] < below[0] * 1e-3
    assert above[-1] > above[0] * 1e3


def test_learning_rate_limits_on_arrays():
    x = np.array([[1.5, -2.0], [0.5, 3.0]])
    one_step, divergence = neuron.learning_rate_limits(x)
    assert one_step.shape == divergence.shape == x.shape
    np.testing.assert_allclose(one_step, 1 / (2 * x**2))
    np.testing.assert_allclose(divergence, 1 / x**2)


# --- ex08: two weights in a chain ---------------------------------------------------------


def test_chain_by_hand():
    t = chain.chain_trace(0.8, 0.5, X, Y)
    assert (t.a1, t.a2, t.C) == pytest.approx((1.2, 0.6, 0.01))
    assert t.dC_da2 == pytest.approx(0.2)
    assert t.dC_da1 == pytest.approx(0.1)
    assert chain.chain_gradients(0.8, 0.5, X, Y) == pytest.approx((0.15, 0.24))
    assert chain.chain_forward(0.8, 0.5, X) == pytest.approx(0.6)


def tiny_chain(w1: float, w2: float) -> Network:
    return Network([np.array([[w1]]), np.array([[w2]])], None, ["identity", "identity"])


@pytest.mark.parametrize("w1,w2,x,y", list(scalar_cases(2)))
def test_chain_matches_backprop_on_a_1_1_1_network(w1, w2, x, y):
    g = backprop(tiny_chain(w1, w2), [[x]], [[y]], "squared")
    dC_dw1, dC_dw2 = chain.chain_gradients(w1, w2, x, y)
    assert dC_dw1 == pytest.approx(g.grad_w[0].item(), rel=1e-12, abs=1e-12)
    assert dC_dw2 == pytest.approx(g.grad_w[1].item(), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("w1,w2,x,y", list(scalar_cases(3)))
def test_chain_matches_finite_differences(w1, w2, x, y):
    dC_dw1, dC_dw2 = chain.chain_gradients(w1, w2, x, y)
    num1 = central_difference(lambda v: float(chain.chain_trace(v, w2, x, y).C), w1)
    num2 = central_difference(lambda v: float(chain.chain_trace(w1, v, x, y).C), w2)
    assert dC_dw1 == pytest.approx(num1, rel=1e-6, abs=1e-7)
    assert dC_dw2 == pytest.approx(num2, rel=1e-6, abs=1e-7)


def test_chain_works_entry_by_entry_on_arrays():
    rng = np.random.default_rng(4)
    w1, w2, x, y = rng.uniform(-2, 2, (4, 2, 3))
    dC_dw1, dC_dw2 = chain.chain_gradients(w1, w2, x, y)
    assert dC_dw1.shape == dC_dw2.shape == (2, 3)
    for i in np.ndindex(2, 3):
        one = chain.chain_gradients(w1[i], w2[i], x[i], y[i])
        assert (dC_dw1[i], dC_dw2[i]) == pytest.approx(tuple(map(float, one)), rel=1e-12)


# --- ex09 and ex11: a bias, then a sigmoid ------------------------------------------------


def test_bias_by_hand():
    t = neuron.neuron_trace(W, 0.1, X, Y)
    assert (t.z, t.a, t.C, t.dC_da) == pytest.approx((1.3, 1.3, 0.64, 1.6))
    assert neuron.bias_gradients(W, 0.1, X, Y) == pytest.approx((2.4, 1.6))
    assert neuron.bias_forward(W, 0.1, X) == pytest.approx(1.3)


def test_bias_zero_gives_the_one_weight_neuron():
    dC_dw, dC_db = neuron.bias_gradients(W, 0.0, X, Y)
    assert dC_dw == pytest.approx(2.1)
    assert dC_db == pytest.approx(1.4)  # dC/da of ex03


def test_sigmoid_neuron_by_hand():
    t = neuron.neuron_trace(W, 0.1, X, Y, "sigmoid")
    assert t.z == pytest.approx(1.3)
    assert t.a == pytest.approx(0.785835, abs=1e-6)
    assert t.da_dz == pytest.approx(0.168298, abs=1e-6)
    assert t.da_dz == pytest.approx(t.a * (1 - t.a))
    dC_dw, dC_db = neuron.sigmoid_neuron_gradients(W, 0.1, X, Y)
    assert (dC_dw, dC_db) == pytest.approx((0.144317, 0.0962111), abs=1e-6)


@pytest.mark.parametrize("activation", ["identity", "sigmoid"])
@pytest.mark.parametrize("w,b,x,y", list(scalar_cases(5, 20)))
def test_neuron_matches_backprop_on_a_1_1_network(activation, w, b, x, y):
    net = Network([np.array([[w]])], [np.array([[b]])], [activation])
    g = backprop(net, [[x]], [[y]], "squared")
    function = neuron.bias_gradients if activation == "identity" else (
        neuron.sigmoid_neuron_gradients)
    dC_dw, dC_db = function(w, b, x, y)
    assert dC_dw == pytest.approx(g.grad_w[0].item(), rel=1e-12, abs=1e-14)
    assert dC_db == pytest.approx(g.grad_b[0].item(), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("activation", ["identity", "sigmoid"])
@pytest.mark.parametrize("w,b,x,y", list(scalar_cases(6, 20)))
def test_neuron_matches_finite_differences(activation, w, b, x, y):
    t = neuron.neuron_trace(w, b, x, y, activation)
    num_w = central_difference(lambda v: float(neuron.neuron_trace(v, b, x, y, activation).C), w)
    num_b = central_difference(lambda v: float(neuron.neuron_trace(w, v, x, y, activation).C), b)
    assert t.dC_dw == pytest.approx(num_w, rel=1e-6, abs=1e-7)
    assert t.dC_db == pytest.approx(num_b, rel=1e-6, abs=1e-7)


def test_neuron_trace_broadcasts_and_keeps_shapes():
    w = np.array([0.8, -1.0, 2.0])
    t = neuron.neuron_trace(w, 0.1, np.array([1.5, 0.5, -1.0]), 0.5, "sigmoid")
    for value in (t.z, t.a, t.C, t.dz_dw, t.dz_db, t.dC_dw, t.dC_db):
        assert np.shape(value) == (3,)
    np.testing.assert_array_equal(t.dz_db, 1.0)
    np.testing.assert_array_equal(t.dC_db, t.dC_dz)


# --- ex10: the sigmoid's slope ------------------------------------------------------------


def test_sigmoid_prime_by_hand_and_its_limits():
    assert sigmoid_prime(0.0) == 0.25
    assert sigmoid_prime(1.3) == pytest.approx(0.168298, abs=1e-6)
    z = np.linspace(-30, 30, 601)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        slope = sigmoid_prime(z)
        naive = 1 / (1 + np.exp(-z))
    assert slope.max() == 0.25
    assert slope[0] < 1e-12 and slope[-1] < 1e-12
    # The ex10 tolerance (rtol 1e-9, atol 1e-12) accepts a learner's naive sigmoid.
    np.testing.assert_allclose(naive * (1 - naive), slope, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(np.exp(-z) / (1 + np.exp(-z)) ** 2, slope, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(sigmoid(z), naive, rtol=1e-12, atol=1e-15)
