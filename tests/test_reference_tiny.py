"""Tests for reference/tiny.py, the tiny network of stage E (3 inputs, 2 sigmoid hidden units,
1 linear output, C = (a − y)²): against finite differences, against the chain rule written out
with scalars, and against numbers a learner can check by hand."""

import numpy as np
import pytest

from reference import tiny
from reference.gradcheck import numerical_gradients, relative_error
from reference.network import sgd_step

# The worked example of the ex12 and ex13 READMEs.
X1 = np.array([1.0, 0.5, -1.0])
W1 = np.array([[0.2, -0.4, 0.1], [0.5, 0.3, -0.2]])
B1 = np.array([0.4, -0.1])
V1 = np.array([0.7, -0.3])
C1 = 0.2
Y1 = 1.0


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def random_tiny(rng: np.random.Generator, scale: float = 1.0):
    x = rng.uniform(-2, 2, size=3)
    W = scale * rng.uniform(-1.5, 1.5, size=(2, 3))
    b, v = rng.uniform(-1, 1, size=2), rng.uniform(-2, 2, size=2)
    return x, float(rng.uniform(-2, 2)), W, b, v, float(rng.uniform(-1, 1))


def by_hand(x, y, W, b, v, c):
    """The chain rule of the ex13 README, one scalar at a time."""
    h = [sigmoid(W[j, 0] * x[0] + W[j, 1] * x[1] + W[j, 2] * x[2] + b[j]) for j in range(2)]
    a = v[0] * h[0] + v[1] * h[1] + c
    dC_da = 2 * (a - y)
    dW, db, dv = np.zeros((2, 3)), np.zeros(2), np.zeros(2)
    for j in range(2):
        dv[j] = dC_da * h[j]
        error = dC_da * v[j] * h[j] * (1 - h[j])
        db[j] = error
        for k in range(3):
            dW[j, k] = error * x[k]
    return np.array(h), a, (dW, db, dv, dC_da)


# --- the engine's view -------------------------------------------------------------------


def test_tiny_network_packs_into_the_engine_shapes():
    net = tiny.tiny_network(W1, B1, V1, C1)
    assert net.sizes == [3, 2, 1]
    assert net.activations == ["sigmoid", "identity"]
    assert [W.shape for W in net.weights] == [(2, 3), (1, 2)]
    assert [b.shape for b in net.biases] == [(2, 1), (1, 1)]
    W, b, v, c = tiny.unpack(net)
    np.testing.assert_array_equal(W, W1)
    np.testing.assert_array_equal(b, B1)
    np.testing.assert_array_equal(v, V1)
    assert c == C1


def test_returned_shapes_and_types():
    h, a = tiny.tiny_forward(X1, W1, B1, V1, C1)
    assert h.shape == (2,) and isinstance(a, float)
    dW, db, dv, dc = tiny.tiny_gradients(X1, Y1, W1, B1, V1, C1)
    assert (dW.shape, db.shape, dv.shape) == ((2, 3), (2,), (2,))
    assert isinstance(dc, float)


def test_inputs_are_not_changed():
    args = [X1.copy(), W1.copy(), B1.copy(), V1.copy()]
    tiny.tiny_forward(args[0], args[1], args[2], args[3], C1)
    tiny.tiny_gradients(args[0], Y1, args[1], args[2], args[3], C1)
    tiny.tiny_trace(args[0], Y1, args[1], args[2], args[3], C1)
    for before, after in zip([X1, W1, B1, V1], args, strict=True):
        np.testing.assert_array_equal(before, after)


# --- hand-checkable numbers --------------------------------------------------------------


def test_readme_example_forward():
    t = tiny.tiny_trace(X1, Y1, W1, B1, V1, C1)
    np.testing.assert_allclose(t.z, [0.3, 0.75], atol=1e-15)
    np.testing.assert_allclose(t.h, [0.57444252, 0.67917870], atol=1e-8)
    assert t.a == pytest.approx(0.7 * t.h[0] - 0.3 * t.h[1] + 0.2, abs=1e-15)
    assert t.a == pytest.approx(0.39835615, abs=1e-8)
    assert t.C == pytest.approx((t.a - 1.0) ** 2, rel=1e-12)
    assert t.C == pytest.approx(0.36197532, abs=1e-8)


def test_readme_example_gradients():
    dW, db, dv, dc = tiny.tiny_gradients(X1, Y1, W1, B1, V1, C1)
    assert dc == pytest.approx(-1.20328770, abs=1e-8)
    np.testing.assert_allclose(dv, [-0.69121961, -0.81724737], atol=1e-8)
    np.testing.assert_allclose(db, [-0.20590758, 0.07865711], atol=1e-8)
    # each row of dW is its unit's error times the inputs x = (1.0, 0.5, -1.0)
    np.testing.assert_allclose(dW, np.outer(db, X1), rtol=1e-15)


def test_zero_weights_give_half_and_the_bias_alone():
    h, a = tiny.tiny_forward(X1, np.zeros((2, 3)), np.zeros(2), V1, C1)
    np.testing.assert_array_equal(h, [0.5, 0.5])
    assert a == pytest.approx(0.5 * (0.7 - 0.3) + 0.2)


def test_zero_inputs_leave_only_the_biases():
    x = np.zeros(3)
    h, _ = tiny.tiny_forward(x, W1, B1, V1, C1)
    np.testing.assert_allclose(h, sigmoid(B1), rtol=1e-15)
    dW, db, _, _ = tiny.tiny_gradients(x, Y1, W1, B1, V1, C1)
    np.testing.assert_array_equal(dW, np.zeros((2, 3)))
    assert np.all(db != 0)


def test_a_perfect_output_has_zero_gradients():
    _, a = tiny.tiny_forward(X1, W1, B1, V1, C1)
    for gradient in tiny.tiny_gradients(X1, a, W1, B1, V1, C1):
        np.testing.assert_array_equal(gradient, np.zeros_like(gradient))


def test_saturated_hidden_units_have_vanishing_gradients():
    W = 40 * np.array([[1.0], [-1.0]]) * np.sign(X1)  # every term of z pushes one way
    t = tiny.tiny_trace(X1, Y1, W, B1, V1, C1)
    assert np.all(np.abs(t.z) > 90)
    assert np.all(t.sigma_prime < 1e-25)
    assert np.abs(t.dW).max() < 1e-24
    assert abs(t.dc) > 0.1  # the output's gradients do not vanish


# --- against the chain rule by hand and finite differences -------------------------------


@pytest.mark.parametrize("seed", range(30))
def test_matches_the_chain_rule_written_out(seed):
    case = random_tiny(np.random.default_rng(seed))
    h, a, hand = by_hand(*case)
    got_h, got_a = tiny.tiny_forward(case[0], *case[2:])
    np.testing.assert_allclose(got_h, h, rtol=1e-13)
    assert got_a == pytest.approx(a, rel=1e-13, abs=1e-15)
    for got, want in zip(tiny.tiny_gradients(*case), hand, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", range(30))
def test_matches_finite_differences(seed):
    x, y, W, b, v, c = random_tiny(np.random.default_rng(100 + seed))
    num_w, num_b = numerical_gradients(tiny.tiny_network(W, b, v, c), x.reshape(3, 1), [[y]],
                                       cost="squared")
    dW, db, dv, dc = tiny.tiny_gradients(x, y, W, b, v, c)
    assert relative_error(dW, num_w[0]) < 1e-7
    assert relative_error(db, num_b[0][:, 0]) < 1e-7
    assert relative_error(dv, num_w[1][0]) < 1e-7
    assert relative_error(dc, num_b[1][0, 0]) < 1e-7


def test_a_nudge_moves_the_cost_by_the_gradient():
    dW = tiny.tiny_gradients(X1, Y1, W1, B1, V1, C1)[0]
    C = tiny.batch_cost(X1.reshape(3, 1), [[Y1]], W1, B1, V1, C1)
    for j, k in np.ndindex(2, 3):
        nudged = W1.copy()
        nudged[j, k] += 1e-6
        C_nudged = tiny.batch_cost(X1.reshape(3, 1), [[Y1]], nudged, B1, V1, C1)
        assert (C_nudged - C) / 1e-6 == pytest.approx(dW[j, k], abs=1e-6)


def test_batch_gradients_average_the_samples_columns():
    rng = np.random.default_rng(7)
    _, _, W, b, v, c = random_tiny(rng)
    X, Y = rng.uniform(-2, 2, size=(3, 5)), rng.uniform(-1, 1, size=(1, 5))
    per_sample = [tiny.tiny_gradients(X[:, i], Y[0, i], W, b, v, c) for i in range(5)]
    for part, got in enumerate(tiny.batch_gradients(X, Y, W, b, v, c)):
        np.testing.assert_allclose(got, np.mean([g[part] for g in per_sample], axis=0),
                                   rtol=1e-12, atol=1e-15)


# --- standardize -------------------------------------------------------------------------

STUDENTS = np.array([[60.0, 80, 45, 90], [7, 5, 8, 6], [6, 8, 4, 9]])


def test_standardize_per_feature_row():
    S = tiny.standardize(STUDENTS)
    assert S.shape == (3, 4)
    np.testing.assert_allclose(S.mean(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(S.std(axis=1), 1, rtol=1e-12)
    # by hand: hours studied have mean 68.75 and population std sqrt(304.6875)
    assert S[0, 0] == pytest.approx((60 - 68.75) / np.sqrt(304.6875), rel=1e-13)
    assert S[0, 0] == pytest.approx(-0.5013, abs=1e-4)
    np.testing.assert_allclose(S[1], [1 / np.sqrt(5), -3 / np.sqrt(5), 3 / np.sqrt(5),
                                      -1 / np.sqrt(5)], rtol=1e-13)


def test_standardize_constant_feature_becomes_zeros():
    X = STUDENTS.copy()
    X[1] = 7.0
    S = tiny.standardize(X)
    np.testing.assert_array_equal(S[1], np.zeros(4))
    assert np.all(np.isfinite(S))
    np.testing.assert_allclose(S[0], tiny.standardize(STUDENTS)[0], rtol=1e-15)


def test_standardize_does_not_change_its_input_and_needs_a_matrix():
    X = STUDENTS.copy()
    tiny.standardize(X)
    np.testing.assert_array_equal(X, STUDENTS)
    with pytest.raises(ValueError, match="2-D"):
        tiny.standardize(np.array([1.0, 2.0, 3.0]))


def test_scaling_story_of_the_ex14_readme():
    """Raw inputs: one step saturates the hidden units and the cost goes up; standardized: the
    hidden units stay in the sigmoid's middle and the cost goes down."""
    Y = np.array([[0.6, 0.8, 0.5, 0.9]])
    W = np.array([[0.02, -0.1, 0.05], [-0.03, 0.2, 0.1]])
    b, v, c = np.zeros(2), np.array([0.7, -0.3]), 0.2
    results = {}
    for name, X in (("raw", STUDENTS), ("scaled", tiny.standardize(STUDENTS))):
        net = sgd_step(tiny.tiny_network(W, b, v, c), X, Y, 0.1, "squared")
        after = tiny.tiny_trace(X[:, 0], Y[0, 0], *tiny.unpack(net))
        results[name] = (tiny.batch_cost(X, Y, W, b, v, c),
                         tiny.batch_cost(X, Y, *tiny.unpack(net)), tiny.unpack(net)[0], after)
    before, after, W_raw, trace = results["raw"]
    assert (round(before, 4), round(after, 4)) == (0.0204, 0.0856)
    assert W_raw[0, 0] == pytest.approx(0.2426, abs=5e-5)
    assert trace.sigma_prime.max() < 1e-3
    before, after, W_scaled, trace = results["scaled"]
    assert (round(before, 4), round(after, 4)) == (0.1056, 0.0580)
    assert np.abs(W_scaled - W).max() < 0.005
    assert trace.sigma_prime.min() > 0.24
