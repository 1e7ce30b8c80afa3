"""A pass means the learner's code did the work (issue 19): weights trained elsewhere, typed in
or constant fail the steps that train (ex23, ex32) in a check and in the regrade, and the slips
a step teaches fail on every one of 20 seeds, each named."""

import sqlite3

import numpy as np
import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.course.spec import Course
from grader.grading.cases import draw_cases
from grader.grading.compare import as_outputs
from reference import digits, xor
from reference.update_as_you_go import backward_update
from tests.conftest import forge, graded
from tests.test_stage_g_training import load

COURSE = Course.load()
SEEDS = range(20)


def _literal(arrays) -> str:
    return "[" + ", ".join(f"np.array({a.tolist()!r})" for a in arrays) + "]"


def returning(function: str, arguments: str, network) -> str:
    """A learner's file that returns `network` whatever it is given."""
    weights, biases = network
    return (f"import numpy as np\n\n\ndef {function}({arguments}):\n"
            f"    return {_literal(weights)}, {_literal(biases)}\n")


XOR_PASTED = {
    # trained by the recipe, from seed 0, on the samples in their usual order
    "trained_elsewhere": returning("train_xor", "X, Y, seed, epochs", xor.train_xor(
        xor.X_XOR, xor.Y_XOR, 0)),
    # the textbook's hand-made XOR: OR and NAND units, then AND
    "hand_made": returning("train_xor", "X, Y, seed, epochs", (
        [np.array([[20.0, 20.0], [-20.0, -20.0]]), np.array([[20.0, 20.0]])],
        [np.array([[-10.0], [30.0]]), np.array([[-30.0]])])),
    "constant": returning("train_xor", "X, Y, seed, epochs", (
        [np.full((2, 2), 0.5), np.full((1, 2), 0.5)], [np.zeros((2, 1)), np.zeros((1, 1))])),
}


def digits_pasted() -> dict[str, str]:
    trained = digits.train_digits(*digits.train_data(), seed=0)
    zeros = ([np.zeros((30, 64)), np.zeros((10, 30))], [np.zeros((30, 1)), np.zeros((10, 1))])
    arguments = "X_train, Y_train, seed"
    return {"trained_elsewhere": returning("train_digits", arguments, trained),
            "constant": returning("train_digits", arguments, zeros)}


def test_the_hand_made_and_pasted_xor_networks_do_compute_xor():
    """So that failing them below is the check of the work, not of the answer."""
    for name in ("trained_elsewhere", "hand_made"):
        namespace = {}
        exec(XOR_PASTED[name], namespace)  # noqa: S102 - our own file
        weights, biases = namespace["train_xor"](xor.X_XOR, xor.Y_XOR, 5, xor.EPOCHS)
        assert xor.right(xor.outputs(weights, biases, xor.X_XOR), xor.Y_XOR).all()


@pytest.mark.slow
@pytest.mark.parametrize("name", XOR_PASTED)
def test_pasted_or_constant_xor_weights_fail_a_check(tmp_path, name):
    verdict = graded(tmp_path, COURSE.resolve("ex32"), XOR_PASTED[name], seed=9)
    assert not verdict.passed and verdict.cases_passed <= 1
    assert "epochs = 0" in verdict.failing_case.problem  # the start is already not the recipe's


@pytest.mark.slow
def test_pasted_or_constant_digit_weights_fail_a_check(tmp_path):
    pasted = digits_pasted()
    verdict = graded(tmp_path, COURSE.resolve("ex23"), pasted["trained_elsewhere"], seed=9)
    assert not verdict.passed and verdict.score < 0.1  # it would read 97 % of the true digits
    assert verdict.diagnosis.name == "trained_elsewhere"
    verdict = graded(tmp_path, COURSE.resolve("ex23"), pasted["constant"], seed=9)
    assert not verdict.passed and verdict.diagnosis.name == "zero_start"


@pytest.mark.slow
def test_pasted_weights_fail_the_regrade(tmp_path):
    """Claimed passes of pasted weights (a learner's own database says passed): the regrade
    grades the code again, in the sandbox, and it fails there too."""
    runner = CliRunner()
    env = {"LEARN_HOME": str(tmp_path / "home"), "LEARN_USER": "mo",
           "LEARN_DB": str(tmp_path / "mo.db")}
    codes = {"ex32": XOR_PASTED["trained_elsewhere"], "ex23": digits_pasted()["trained_elsewhere"]}
    for step, code in codes.items():
        runner.invoke(cli, ["path", step], env=env)
        (tmp_path / "home" / COURSE.resolve(step).learner_filename).write_text(code)
        result = runner.invoke(cli, ["check", step], env=env)
        assert result.exit_code == 1, result.output  # the practice check: failed
        forge(tmp_path / "mo.db", step, code, learner="mo")
    target = tmp_path / "class.db"
    assert runner.invoke(cli, ["merge", str(tmp_path / "mo.db"), "--into",
                               str(target)]).exit_code == 0
    result = runner.invoke(cli, ["--db", str(target), "regrade"])
    assert "2 submissions regraded" in result.output, result.output
    rows = sqlite3.connect(target).execute(
        "SELECT exercise_id, passed FROM verified ORDER BY exercise_id").fetchall()
    assert rows == [("ex23", 0), ("ex32", 0)]
    named = dict(sqlite3.connect(target).execute(
        "SELECT exercise_id, diagnosis FROM attempts WHERE origin = 'regrade'").fetchall())
    assert named["ex23"] == "trained_elsewhere"


# -- the slips a step teaches fail on every seed ------------------------------------------------

XOR_SLIPS = ["output_updated_before_hidden_error", "output_error_without_slope"]


@pytest.mark.parametrize("slip", XOR_SLIPS)
def test_the_xor_slips_fail_on_every_seed(slip):
    """The first step already differs (case 1: one epoch), and the slip is named there."""
    score, slips = load("ex32", "score.py").score, load("ex32", "misconceptions.py")
    for seed in SEEDS:
        case = draw_cases(COURSE.resolve("ex32"), seed, count=2)[1]
        assert case["epochs"] == 1
        network = getattr(slips, slip)(case["X"], case["Y"], case["seed"], case["epochs"])
        passed, _, _, _, named = score(case, as_outputs(network, 2))
        assert not passed and named[0] == slip, seed


@pytest.mark.parametrize("slip", ["own_output_for_input", "slope_of_own_layer",
                                  "error_through_updated_weights"])
def test_the_update_as_you_go_slips_give_wrong_numbers_on_every_seed(slip):
    """The first cases are square, so confusing a layer's own output or slope with the layer
    below's gives numbers (that differ), not only a shape error elsewhere."""
    wrong = getattr(load("ex31", "misconceptions.py"), slip)
    for seed in SEEDS:
        case = draw_cases(COURSE.resolve("ex31"), seed)[0]
        assert len({*(W.shape for W in case["weights"])}) == 1  # every layer square
        arguments = [case[n] for n in ("weights", "biases", "activations", "X", "Y",
                                       "learning_rate")]
        right, got = backward_update(*arguments), wrong(*arguments)
        assert any(not np.allclose(r, g, rtol=1e-6, atol=1e-9)
                   for r, g in zip(right[0], got[0], strict=True)), seed
