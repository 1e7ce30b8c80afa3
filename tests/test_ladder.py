"""Grader features the curriculum needs, on the real steps: layer-by-layer location, shrinking,
steps graded on their own with reference copies of earlier steps, explain and solution."""

import json
from pathlib import Path

import pytest

from grader.cli import cli
from grader.course.spec import Course

from .conftest import graded

COURSE = Course.load()
BACKPROP = COURSE.resolve("ex19")
SOLUTION = BACKPROP.solution_path.read_text()


def grade(tmp_path: Path, body: str, exercise=BACKPROP, seed: int = 3):
    return graded(tmp_path, exercise, body, seed)


def test_wrong_delta_in_the_second_to_last_layer_is_named(tmp_path):
    # A correct backprop except that δ of the layer just below the output uses σ′(a), not σ′(z).
    body = SOLUTION.replace(
        "    for l in reversed(layers[:-1]):\n",
        "    for l in reversed(layers[:-1]):\n"
        "        if l == len(weights) - 2:\n"
        "            deltas[l] = (weights[l + 1].T @ deltas[l + 1]) * "
        "PRIMES[activations[l]](As[l + 1])\n"
        "            continue\n",
    )
    assert body != SOLUTION
    verdict = grade(tmp_path, body)
    assert not verdict.passed and 0 < verdict.cases_passed  # one-layer networks still pass
    assert "the second-to-last layer" in verdict.location
    assert "deltas" in verdict.location
    assert verdict.failing_case.shrunk
    # Shrunk to a network of two layers (one hidden, one output), or three where the layer
    # below is linear or relu, whose f'(a) equals f'(z) and so hides the slip.
    layers = {k for k in verdict.failing_case.inputs if k.startswith("weights[")}
    assert 2 <= len(layers) <= 3


def test_output_layer_slip_is_located_at_the_output(tmp_path):
    body = SOLUTION.replace("(As[-1] - Y)", "2 * (As[-1] - Y)")
    verdict = grade(tmp_path, body)
    assert "the output layer" in verdict.location
    assert verdict.diagnosis.name == "squared_cost"


def test_a_later_step_is_graded_with_reference_copies_of_earlier_ones(tmp_path):
    # A broken ex15 in the learner's folder does not fail ex19: the grader provides ex15.
    (tmp_path / "ex15_layer_forward.py").write_text(
        "def layer_forward(W, b, A_prev, activation):\n    raise RuntimeError('old bug')\n")
    assert grade(tmp_path, SOLUTION).passed


@pytest.mark.parametrize("exercise", [e for e in COURSE if not e.is_quiz], ids=lambda e: e.id)
def test_every_step_has_a_worked_example(exercise, runner, home):
    first = runner.invoke(cli, ["explain", exercise.id, "--seed", "5"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(cli, ["explain", exercise.id, "--seed", "5"])
    other = runner.invoke(cli, ["explain", exercise.id, "--seed", "6"])
    assert first.output == again.output
    assert first.output != other.output
    assert len(first.output.splitlines()) >= 5


def test_solution_opens_only_after_passing(runner, home):
    locked = runner.invoke(cli, ["solution", "ex01"])
    assert locked.exit_code == 2 and "pass ex01 first" in locked.stderr
    runner.invoke(cli, ["next"])
    (home / "ex01_forward.py").write_text("def forward(w, x):\n    return x * w\n")
    assert runner.invoke(cli, ["check", "ex01"]).exit_code == 0
    shown = runner.invoke(cli, ["solution", "ex01"])
    assert shown.exit_code == 0
    assert "def forward(w, x):" in shown.output and "What to notice:" in shown.output


def test_list_shows_the_stages_in_order(runner, home):
    document = json.loads(runner.invoke(cli, ["list", "--json"]).stdout)
    stages = [s["stage"] for s in document["steps"]]
    assert stages[0].startswith("A") and any(s.startswith("F") for s in stages)
    assert len(document["steps"]) >= 20
    text = runner.invoke(cli, ["list"]).output
    assert "Stage A" in text and "Stage F" in text


@pytest.mark.parametrize("seed", range(12))
def test_a_nudge_reads_off_its_own_numbers(runner, home, seed):
    """ex04's check: the two costs are written with the decimals the change needs, so the
    change can be read off them (never 22.28 beside 22.3 and a change of 0.01794)."""
    import re

    text = runner.invoke(cli, ["explain", "ex04", "--seed", str(seed)]).output.replace("−", "-")
    now, was = re.search(r"gives C = (\S+) \(was (\S+)\)", text).groups()
    change = float(re.search(r"a change of (\S+) for", text).group(1))
    decimals = len(now.split(".")[1])
    assert len(was.split(".")[1]) == decimals
    assert abs(float(now) - float(was) - change) <= 1.5 * 10 ** -decimals


def test_ex10_draws_no_case_where_sigma_itself_passes_for_its_slope():
    import numpy as np

    from grader.course.spec import Course
    from grader.grading.cases import draw_cases
    from grader.grading.compare import close
    from reference.activations import sigmoid, sigmoid_prime

    exercise = Course.load().resolve("ex10")
    tolerance = exercise.spec.tolerance
    for seed in range(100):
        for case in draw_cases(exercise, seed):
            z = np.asarray(case["z"], dtype=float)
            assert not close(sigmoid_prime(z), sigmoid(z), tolerance.rtol, tolerance.atol), z


def test_learn_hint_answers_the_slip_the_last_check_named_first(runner, home):
    """After a check that names a slip, `learn hint` shows that slip's own hint; then the
    step's ladder of hints; a new check with the slip brings its hint back first."""
    ex03 = COURSE.resolve("ex03")
    keyed = {m.name: m.hint for m in ex03.spec.misconceptions}
    assert keyed["two_a_minus_y"]  # the slip below carries a hint
    runner.invoke(cli, ["path", "ex03"])
    path = home / ex03.learner_filename
    path.write_text("def cost_derivative(a, y):\n    return 2 * a - y\n")
    checked = runner.invoke(cli, ["check", "ex03"])
    assert "2a − y" in checked.output  # diagnosed
    first = runner.invoke(cli, ["hint", "ex03"])
    assert first.exit_code == 0
    assert "the slip your last check of ex03 named (two a minus y)" in first.output
    assert keyed["two_a_minus_y"] in first.output
    second = runner.invoke(cli, ["hint", "ex03"])
    assert f"Hint 1 of {len(ex03.spec.hints)} for ex03: {ex03.spec.hints[0]}" in second.output
    runner.invoke(cli, ["check", "ex03"])
    again = runner.invoke(cli, ["hint", "ex03"])
    assert keyed["two_a_minus_y"] in again.output
    path.write_text("def cost_derivative(a, y):\n    return (a - y) ** 2\n")  # another slip
    runner.invoke(cli, ["check", "ex03"])
    other = runner.invoke(cli, ["hint", "ex03"])
    assert keyed["returned_the_cost"] is None or keyed["returned_the_cost"] in other.output
    if keyed["returned_the_cost"] is None:  # no hint for that slip: the ladder goes on
        assert f"Hint 2 of {len(ex03.spec.hints)}" in other.output


def test_a_slip_hint_is_a_nudge_not_its_message():
    for exercise in COURSE:
        for slip in exercise.spec.misconceptions:
            if slip.hint:
                assert slip.hint != slip.message and len(slip.hint) < len(slip.message) * 2


PER_SAMPLE_LOOP = '''

def backprop(weights, biases, activations, X, Y):
    """The same backprop, one sample at a time: right, and slow."""
    m = X.shape[1]
    runs = [_one_batch(weights, biases, activations, X[:, j:j + 1], Y[:, j:j + 1])
            for j in range(m)]
    deltas = [np.hstack([run[0][l] for run in runs]) for l in range(len(weights))]
    grad_w = [sum(run[1][l] for run in runs) / m for l in range(len(weights))]
    grad_b = None if biases is None else [sum(run[2][l] for run in runs) / m
                                          for l in range(len(weights))]
    return deltas, grad_w, grad_b
'''


def test_a_per_sample_loop_passes_with_the_speed_note(tmp_path):
    looped = SOLUTION.replace("def backprop(", "def _one_batch(") + PER_SAMPLE_LOOP
    if "import numpy as np" not in looped:
        looped = "import numpy as np\n" + looped
    verdict = grade(tmp_path, looped)
    assert verdict.passed, verdict.reason
    notes = [n for n in verdict.notes if "slower than the vectorized form" in n]
    assert notes, verdict.notes
    assert "a Python loop over the samples?" in notes[0]
    vectorized = grade(tmp_path, SOLUTION)
    assert vectorized.passed
    assert not any("slower" in n for n in vectorized.notes)
