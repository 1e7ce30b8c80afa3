"""The "Beyond" stage's reference (reference/beyond.py): the cross-entropy's BP1, whose σ′
cancels, and ex34's expression differentiated by hand, checked against finite differences."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from reference.activations import sigmoid, sigmoid_prime
from reference.beyond import (
    expression,
    expression_gradients,
    expression_nodes,
    numerical_expression_gradients,
    output_error_cross_entropy,
    quadratic_output_error,
)
from reference.costs import COSTS

EXERCISES = Path(__file__).parents[1] / "exercises"


def random_output_layer(rng, saturated=False):
    n, m = int(rng.integers(1, 5)), int(rng.integers(1, 7))
    Z = rng.uniform(-8.0, 8.0, (n, m)) if saturated else rng.standard_normal((n, m)) * 2
    Y = rng.integers(0, 2, (n, m)).astype(float) if rng.random() < 0.5 else rng.random((n, m))
    return Z, sigmoid(Z), Y


# --- ex33: the cross-entropy's output error ------------------------------------------------

@pytest.mark.parametrize("seed", range(40))
def test_cross_entropy_delta_is_a_minus_y(seed):
    rng = np.random.default_rng(seed)
    Z, A, Y = random_output_layer(rng, saturated=seed % 2 == 1)
    delta = output_error_cross_entropy(Z, A, Y)
    assert delta.shape == Z.shape
    np.testing.assert_allclose(delta, A - Y, rtol=1e-9, atol=1e-12)


def test_cross_entropy_delta_is_bp1_with_the_cost_derivative():
    rng = np.random.default_rng(7)
    Z, A, Y = random_output_layer(rng)
    dC_da = COSTS["cross_entropy"].derivative(A, Y)
    np.testing.assert_allclose(dC_da, (A - Y) / (A * (1 - A)))
    np.testing.assert_allclose(output_error_cross_entropy(Z, A, Y), dC_da * sigmoid_prime(Z))
    # The quadratic cost's δ keeps the σ′: smaller by exactly that factor.
    np.testing.assert_allclose(quadratic_output_error(Z, A, Y),
                               output_error_cross_entropy(Z, A, Y) * sigmoid_prime(Z))


def test_cross_entropy_delta_matches_finite_differences_of_the_cost():
    rng = np.random.default_rng(3)
    Z, _, Y = random_output_layer(rng)
    h = 1e-6
    numeric = np.zeros_like(Z)
    for index in np.ndindex(Z.shape):
        up, down = Z.copy(), Z.copy()
        up[index] += h
        down[index] -= h
        numeric[index] = (COSTS["cross_entropy"].elementwise(sigmoid(up), Y).sum()
                          - COSTS["cross_entropy"].elementwise(sigmoid(down), Y).sum()) / (2 * h)
    np.testing.assert_allclose(output_error_cross_entropy(Z, sigmoid(Z), Y), numeric,
                               rtol=1e-6, atol=1e-8)


def test_ex33_readme_numbers():
    """A saturated, wrong output unit: y = 0, z = 5."""
    z, y = 5.0, 0.0
    a = sigmoid(z)
    assert round(float(a), 4) == 0.9933
    assert round(float(sigmoid_prime(z)), 6) == 0.006648
    assert round(float(COSTS["cross_entropy"].derivative(a, y)), 2) == 149.41
    assert round(float(quadratic_output_error(z, a, y)), 4) == 0.0066
    assert round(float(output_error_cross_entropy(z, a, y)), 4) == 0.9933


# --- ex34: the expression, by hand ----------------------------------------------------------

GRID = [(x, y) for x in (-1.9, -0.7, 0.3, 0.5, 1.21, 2.0) for y in (-1.6, -0.5, 0.33, 1.5)]


@pytest.mark.parametrize("x,y", GRID)
def test_expression_gradients_match_finite_differences(x, y):
    f, df_dx, df_dy = expression_gradients(x, y)
    assert f == pytest.approx(expression(x, y), rel=1e-12)
    nx, ny = numerical_expression_gradients(x, y)
    assert df_dx == pytest.approx(nx, rel=1e-6, abs=1e-8)
    assert df_dy == pytest.approx(ny, rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("x,y", GRID[::3])
def test_expression_nodes_agree_with_the_gradients(x, y):
    nodes = {name: (value, grad) for name, _, value, grad in expression_nodes(x, y)}
    f, df_dx, df_dy = expression_gradients(x, y)
    assert nodes["f"] == (pytest.approx(f), 1.0)
    assert nodes["x"][1] == pytest.approx(df_dx)
    assert nodes["y"][1] == pytest.approx(df_dy)
    # ∂f/∂u with x held fixed in the final + x: f = (u σ(u))² + x.
    u, h = nodes["u"][0], 1e-6
    def g(v):
        return float((v * sigmoid(v)) ** 2)

    assert nodes["u"][1] == pytest.approx((g(u + h) - g(u - h)) / (2 * h), rel=1e-6)


def test_ex34_readme_numbers():
    f, df_dx, df_dy = expression_gradients(0.5, 1.5)
    assert (round(f, 6), round(df_dx, 6), round(df_dy, 6)) == (1.444055, 5.827425, 0.965485)
    grads = {name: round(grad, 4) for name, _, _, grad in expression_nodes(0.5, 1.5)}
    assert grads == {"f": 1.0, "r": 1.0, "q": 1.9432, "s": 2.4291, "u": 1.931, "p": 1.931,
                     "x": 5.8274, "y": 0.9655}


def test_ex34_solution_autograd_equals_the_hand_formula():
    path = EXERCISES / "ex34_autograd" / "solution.py"
    spec = importlib.util.spec_from_file_location("_ex34_solution", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for x, y in GRID:
        assert module.expression_gradients(x, y) == pytest.approx(expression_gradients(x, y),
                                                                  rel=1e-12)


def exact_cross_entropy(z: float, y: float) -> float:
    """−[y ln σ(z) + (1 − y) ln(1 − σ(z))] with 60 significant digits (decimal)."""
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 60
        a = 1 / (1 + (-Decimal(repr(float(z)))).exp())
        y = Decimal(repr(y))
        terms = [-y * a.ln()] if y else []
        if y != 1:
            terms.append(-(1 - y) * (1 - a).ln())
        return float(sum(terms))


def test_cross_entropy_at_saturation_matches_nielsens_network2_up_to_z_50():
    """Nielsen's network2.py: CrossEntropyCost.delta(z, a, y) = a − y, and
    fn(a, y) = Σ nan_to_num(−y ln a − (1 − y) ln(1 − a))."""
    from reference.activations import sigmoid
    from reference.beyond import output_error_cross_entropy
    from reference.costs import batch_cost
    from reference.network import Network, backprop

    Z = np.linspace(-50, 50, 201).reshape(1, -1)
    A = sigmoid(Z)
    for y in (0.0, 1.0, 0.3):
        Y = np.full_like(Z, y)
        nielsen_delta = A - Y
        assert np.array_equal(output_error_cross_entropy(Z, A, Y), nielsen_delta)
        # one sigmoid layer whose input is the identity: its z is Z itself
        net = Network([np.ones((1, 1))], None, ["sigmoid"])
        gradients = backprop(net, Z, Y, cost="cross_entropy")
        assert np.array_equal(gradients.deltas[-1], nielsen_delta)
        with np.errstate(divide="ignore", invalid="ignore"):
            nielsen_fn = np.nan_to_num(-Y * np.log(A) - (1 - Y) * np.log(1 - A))
        for column, z in enumerate(Z[0]):
            ours = batch_cost("cross_entropy", A[:, [column]], Y[:, [column]],
                              Z[:, [column]])
            assert ours == pytest.approx(exact_cross_entropy(z, y), rel=1e-12, abs=1e-15)
            if abs(z) < 12:  # where 1 − a keeps its digits, Nielsen's form agrees
                assert ours == pytest.approx(nielsen_fn[0, column], rel=1e-9)
    # the saturated end, where the clipped form was capped: C → |z| for a confidently wrong unit
    assert batch_cost("cross_entropy", sigmoid(np.array([[50.0]])), np.zeros((1, 1)),
                      np.array([[50.0]])) == pytest.approx(50.0)


def test_the_saturated_neuron_of_ex33_gets_a_minus_y():
    from reference.activations import sigmoid
    from reference.beyond import output_error_cross_entropy

    Z, Y = np.array([[30.0]]), np.zeros((1, 1))
    delta = output_error_cross_entropy(Z, sigmoid(Z), Y)
    assert delta[0, 0] == pytest.approx(1.0, abs=1e-12)  # the product form gave 0.093
