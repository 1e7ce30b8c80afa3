"""Stage G, its first half (ex26–ex29, q17, q18): the softmax, its cross-entropy, ReLU inside
backprop, dead units and the first weights. The reference is checked against what we did not
write (finite differences, the naive formulas where they are accurate, actual training), and
every step against the grader: the stub fails, the solution passes, each slip is named."""

import json

import numpy as np
import pytest

from grader.cli import cli
from grader.course.spec import Course
from grader.grading.cases import draw_cases
from grader.grading.grade import grade_file
from grader.grading.quiz import draw_questions
from reference import softmax as sm
from reference import training_start as ts

from .conftest import graded

COURSE = Course.load()
STEPS = ["ex26", "ex27", "ex28", "ex29"]
STAGE = "G: why training fails"


def grade(tmp_path, step: str, body: str, seed: int = 4):
    return graded(tmp_path, COURSE.resolve(step), body, seed)


# --- the reference ----------------------------------------------------------------------------

def test_softmax_is_the_textbook_formula_where_that_is_accurate_and_finite_where_it_is_not():
    rng = np.random.default_rng(0)
    Z = rng.normal(0, 3, (5, 7))
    naive = np.exp(Z) / np.exp(Z).sum(axis=0)
    assert np.allclose(sm.softmax(Z), naive, rtol=1e-13)
    assert np.allclose(sm.softmax(Z + 1000.0), naive, rtol=1e-12)  # the shift cancels
    assert np.allclose(sm.softmax(Z - 1000.0), naive, rtol=1e-12)
    assert np.allclose(sm.softmax(Z).sum(axis=0), 1.0)
    assert np.allclose(np.exp(sm.log_softmax(Z)), naive, rtol=1e-13)


def test_the_cost_is_exact_where_a_probability_underflows():
    Z = np.array([[2.0, -400.0], [0.5, 400.0], [-1.0, 0.0]])
    Y = np.array([[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]])
    assert sm.softmax(Z)[0, 1] == 0.0  # the target's probability rounds to 0 ...
    cost, delta = sm.softmax_cross_entropy(Z, Y)
    first = -np.log(sm.softmax(Z[:, :1])[0, 0])
    assert cost == pytest.approx((first + 800.0) / 2, rel=1e-12)  # ... but costs 800, not inf
    assert np.array_equal(delta, sm.softmax(Z) - Y)  # the README's worked example
    assert round(cost, 4) == 400.1207


def test_delta_is_the_full_jacobian_applied_to_the_cost_slope():
    rng = np.random.default_rng(1)
    for _ in range(20):
        n = int(rng.integers(2, 7))
        z = rng.normal(0, 2, n)
        y = np.eye(n)[rng.integers(n)]
        a = sm.softmax(z[:, None])[:, 0]
        through_jacobian = sm.softmax_jacobian(z).T @ (-y / a)
        assert np.allclose(sm.output_error(z[:, None], y[:, None])[:, 0], through_jacobian)
        h = 1e-6  # and numerically: δ_j = ∂C/∂z_j, the cost of this one sample
        numeric = [(sm.cross_entropy((z + h * e)[:, None], y[:, None])
                    - sm.cross_entropy((z - h * e)[:, None], y[:, None])) / (2 * h)
                   for e in np.eye(n)]
        assert np.allclose(through_jacobian, numeric, atol=1e-7)


def _network_cost(W1, b1, W2, b2, X, Y):
    return sm.cross_entropy(W2 @ np.maximum(W1 @ X + b1, 0) + b2, Y)


def test_relu_gradients_agree_with_finite_differences():
    exercise = COURSE.resolve("ex28")
    for case in draw_cases(exercise, 11)[:8]:
        args = [case[name] for name in exercise.spec.arguments]
        grads = ts.relu_softmax_gradients(*args)
        for which, grad in enumerate(grads):
            numeric = np.zeros_like(grad)
            for index in np.ndindex(grad.shape):
                for sign in (1, -1):
                    nudged = [a.copy() for a in args]
                    nudged[which][index] += sign * 1e-6
                    numeric[index] += sign * _network_cost(*nudged) / 2e-6
            assert np.allclose(grad, numeric, atol=1e-7), (which, grad, numeric)


def test_a_dead_unit_gets_exactly_zero_gradient():
    exercise = COURSE.resolve("ex28")
    seen = 0
    for case in draw_cases(exercise, 3):
        Z1 = case["W1"] @ case["X"] + case["b1"]
        dead = ts.dead_units(Z1)
        grad_W1, grad_b1, grad_W2, _ = ts.relu_softmax_gradients(
            *[case[name] for name in exercise.spec.arguments])
        assert not grad_W1[dead].any() and not grad_b1[dead].any()
        assert not grad_W2[:, dead].any()  # its a is 0, so its outgoing weights do not move
        seen += int(dead.sum())
    assert seen >= 10  # every other case has one


def test_init_network_has_the_right_statistics_shapes_and_different_units():
    weights, biases = ts.init_network([784, 100, 10], 5)
    assert [W.shape for W in weights] == [(100, 784), (10, 100)]
    assert [b.shape for b in biases] == [(100, 1), (10, 1)]
    assert not any(b.any() for b in biases)
    assert weights[0].std() == pytest.approx(1 / np.sqrt(784), rel=0.02)
    assert abs(weights[0].mean()) < 1e-3
    z = weights[0] @ np.random.default_rng(0).standard_normal((784, 500))
    assert z.std() == pytest.approx(1.0, rel=0.05)  # z stays of size 1 whatever n_in
    assert len({tuple(row) for row in weights[0]}) == 100
    again, _ = ts.init_network([784, 100, 10], 5)
    assert all(np.array_equal(a, b) for a, b in zip(weights, again, strict=True))


@pytest.mark.parametrize("sizes", [[3, 4, 2], [5, 7, 1], [64, 30, 10], [6, 5, 4, 3]])
def test_a_constant_start_stays_symmetric_and_a_random_one_does_not(sizes):
    X, Y = ts.toy_data(sizes, 2)
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    zero_b = [np.zeros((n, 1)) for _, n in pairs]
    for c in (0.0, 0.7):
        constant = [np.full((o, i), c) for i, o in pairs]
        trained = ts.train_from(constant, zero_b, X, Y, 100, 1.0)[-1]
        assert ts.distinct_units(trained) == 1
        assert ts.unit_spread(trained) < 1e-12
        assert not np.allclose(trained.weights[0], constant[0])  # it did learn, alike
    weights, biases = ts.init_network(sizes, 3)
    assert ts.distinct_units(ts.train_from(weights, biases, X, Y, 100, 1.0)[-1]) == sizes[1]
    weights[0] = np.zeros_like(weights[0])  # W1 = 0 alone: W2's columns tell the units apart
    assert ts.distinct_units(ts.train_from(weights, biases, X, Y, 100, 1.0)[-1]) == sizes[1]


# --- the cases hold the traps -----------------------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
def test_the_softmax_cases_hold_logits_near_1000(seed):
    cases = draw_cases(COURSE.resolve("ex26"), seed)
    assert sum(float(c["Z"].max()) > 990 for c in cases) >= 5
    assert sum(float(c["Z"].min()) < -990 for c in cases) >= 5
    assert all(c["Z"].shape[0] != c["Z"].shape[1] for c in cases)


@pytest.mark.parametrize("seed", range(5))
def test_the_cross_entropy_cases_hold_underflowing_probabilities(seed):
    cases = draw_cases(COURSE.resolve("ex27"), seed)
    target_zero = other_zero = 0
    for case in cases:
        A, Y = sm.softmax(case["Z"]), case["Y"]
        target_zero += bool(((A == 0) & (Y == 1)).any())
        other_zero += bool(((A == 0) & (Y == 0)).any())
        assert np.isfinite(sm.cross_entropy(case["Z"], Y))
    assert target_zero >= 4 and other_zero >= 4


# --- the steps through the grader -------------------------------------------------------------

@pytest.mark.parametrize("step", STEPS)
def test_the_stub_fails_and_the_solution_passes(step):
    exercise = COURSE.resolve(step)
    stub = grade_file(exercise, exercise.starter_path, seed=1)[0]
    assert not stub.passed and stub.error.kind == "not_implemented"
    for seed in (1, 2):
        assert grade_file(exercise, exercise.solution_path, seed=seed)[0].passed


def test_softmax_without_the_max_shift_is_named(tmp_path):
    verdict = grade(tmp_path, "ex26", "import numpy as np\n\n\ndef softmax(Z):\n"
                    "    return np.exp(Z) / np.exp(Z).sum(axis=0)\n")
    assert not verdict.passed and 0 < verdict.cases_passed < verdict.cases_total
    assert verdict.failing_case.kind == "nonfinite"
    assert "NaN" in verdict.failing_case.problem
    assert verdict.diagnosis.name == "no_max_shift"
    assert "largest logit" in verdict.diagnosis.message


SHIFTS = {"minimum": "Z.min(axis=0, keepdims=True)", "mean": "Z.mean(axis=0, keepdims=True)"}


@pytest.mark.slow
@pytest.mark.parametrize("shift", SHIFTS)
def test_a_softmax_shifted_by_the_columns_minimum_or_mean_fails_on_every_seed(tmp_path, shift):
    """Any shift is exact on paper; only the maximum keeps e^z finite in a column whose logits
    span more than about 710, and the cases hold such columns (issue 19: these passed 20/20)."""
    body = ("import numpy as np\n\n\ndef softmax(Z):\n"
            f"    E = np.exp(Z - {SHIFTS[shift]})\n"
            "    return E / E.sum(axis=0, keepdims=True)\n")
    for seed in range(20):
        verdict = grade(tmp_path, "ex26", body, seed=seed)
        assert not verdict.passed, seed
        assert verdict.diagnosis.name == "shift_by_min_or_mean", (seed, verdict.diagnosis)


def test_an_unguarded_log_in_the_cost_is_named(tmp_path):
    verdict = grade(tmp_path, "ex27", (
        "import numpy as np\nfrom ex26_softmax import softmax\n\n\n"
        "def softmax_cross_entropy(Z, Y):\n    A = softmax(Z)\n"
        "    return -np.mean(np.sum(Y * np.log(A), axis=0)), A - Y\n"))
    assert not verdict.passed
    assert verdict.diagnosis.name == "unguarded_log"
    assert "from the logits" in verdict.diagnosis.message


def test_sigma_prime_in_a_relu_layer_is_named(tmp_path):
    body = COURSE.resolve("ex28").solution_path.read_text().replace(
        "(Z1 > 0)", "(1 / (1 + np.exp(-Z1))) * (1 - 1 / (1 + np.exp(-Z1)))", 1)
    verdict = grade(tmp_path, "ex28", body)
    assert verdict.diagnosis.name == "sigmoid_prime_instead"


def test_a_zero_start_is_named_and_its_symmetry_drawn(tmp_path):
    verdict = grade(tmp_path, "ex29", (
        "import numpy as np\n\n\ndef init_network(sizes, seed):\n"
        "    weights = [np.zeros((b, a)) for a, b in zip(sizes[:-1], sizes[1:])]\n"
        "    return weights, [np.zeros((b, 1)) for b in sizes[1:]]\n"))
    assert not verdict.passed and verdict.cases_passed == 0
    assert verdict.diagnosis.name == "zero_start"
    assert "every hidden unit is the same and stays so" in verdict.diagnosis.message
    picture = verdict.failing_case.picture
    assert picture["kind"] == "curves"
    assert len(picture["series"]["yours"]) == 101  # the start and 100 trained steps
    assert max(picture["series"]["yours"]) == 0.0  # the hidden units never come apart
    assert min(picture["series"]["reference"]) > 0.0


def test_a_start_that_is_only_too_large_gets_no_symmetry_picture(tmp_path):
    verdict = grade(tmp_path, "ex29", (
        "import numpy as np\n\n\ndef init_network(sizes, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    pairs = zip(sizes[:-1], sizes[1:])\n"
        "    weights = [rng.standard_normal((b, a)) for a, b in pairs]\n"
        "    return weights, [np.zeros((b, 1)) for b in sizes[1:]]\n"))
    assert verdict.diagnosis.name == "not_scaled"
    assert verdict.failing_case.picture is None


def test_rng_normal_with_the_scale_passes_like_the_division(tmp_path):
    verdict = grade(tmp_path, "ex29", (
        "import numpy as np\n\n\ndef init_network(sizes, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    weights, biases = [], []\n"
        "    for i in range(len(sizes) - 1):\n"
        "        n_in, n_out = sizes[i], sizes[i + 1]\n"
        "        weights.append(rng.normal(0.0, n_in ** -0.5, (n_out, n_in)))\n"
        "        biases.append(np.zeros((n_out, 1)))\n"
        "    return weights, biases\n"))
    assert verdict.passed


SLIPS = [(step, m.name) for step in STEPS for m in COURSE.resolve(step).spec.misconceptions]


@pytest.mark.slow
@pytest.mark.parametrize("step,name", SLIPS, ids=[f"{s}-{n}" for s, n in SLIPS])
def test_each_slip_gets_its_own_diagnosis(tmp_path, step, name):
    exercise = COURSE.resolve(step)
    source = exercise.misconceptions_path.read_text(encoding="utf-8")
    for seed in (5, 6):
        verdict = grade(tmp_path, step, f"{source}\n\n{exercise.spec.function} = {name}\n", seed)
        assert not verdict.passed
        assert verdict.diagnosis is not None and verdict.diagnosis.name == name


def test_the_named_slips_cover_the_brief():
    declared = {step: {m.name for m in COURSE.resolve(step).spec.misconceptions}
                for step in STEPS}
    assert {"no_max_shift", "sum_over_batch", "not_normalised"} <= declared["ex26"]
    assert {"jacobian_diagonal_only", "unguarded_log", "averaged_delta",
            "flipped_sign"} <= declared["ex27"]
    assert {"sigmoid_prime_instead", "no_relu_mask", "times_activation"} <= declared["ex28"]
    assert {"zero_start", "constant_start", "not_scaled", "scaled_by_one_over_n_in",
            "scaled_by_n_in"} <= declared["ex29"]


# --- the quizzes ------------------------------------------------------------------------------

def test_the_symmetry_quiz_counts_one_unit_from_a_constant_start():
    for seed in range(6):
        constant, first_zero, *_ = draw_questions(COURSE.resolve("q18"), seed)
        assert constant.answer == 1
        hidden = int(first_zero.prompt.split("sizes [")[1].split(",")[1])
        assert first_zero.answer == hidden


# --- the ladder -------------------------------------------------------------------------------

def test_stage_g_sits_between_the_capstone_and_beyond(runner, home):
    document = json.loads(runner.invoke(cli, ["list", "--json"]).stdout)
    ids = [s["id"] for s in document["steps"]]
    mine = ["ex26", "ex27", "ex28", "q17", "ex29", "q18"]
    assert [i for i in ids if i in mine] == mine
    assert all(s["stage"] == STAGE for s in document["steps"] if s["id"] in mine)
    assert ids.index("ex23") < ids.index("ex26") and ids.index("q18") < ids.index("ex33")
    assert all(260 <= COURSE.resolve(i).spec.order <= 289 for i in mine)
    text = runner.invoke(cli, ["list"]).output
    assert text.count("Stage G: why training fails") == 1
    assert text.index("Capstone") < text.index("Stage G") < text.index("Beyond")
