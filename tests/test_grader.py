"""The grading pipeline on the fixture course: every way a learner file can go wrong ends as a
failed verdict with the right kind and a readable reason; right answers pass."""

import copy
import dataclasses
import json
import os
from pathlib import Path

import pytest

from grader.course.spec import Course
from grader.grading.grade import grade_file

from .conftest import FIXTURE_COURSE, ROOMY_SECONDS

COURSE = Course.load(FIXTURE_COURSE)
DOUBLE = COURSE.resolve("fx01")
PAIR = COURSE.resolve("fx02")


def grade(tmp_path: Path, body: str, exercise=DOUBLE, seed: int = 11):
    path = tmp_path / exercise.learner_filename
    path.write_text(body)
    verdict, source = grade_file(exercise, path, seed=seed)
    assert source == body.encode()
    return verdict


def test_correct_answer_passes(tmp_path):
    verdict = grade(tmp_path, "def double(x):\n    return 2.0 * x\n")
    assert verdict.passed and verdict.score == 1.0
    assert verdict.cases_passed == verdict.cases_total == 6
    assert verdict.error is None and verdict.diagnosis is None


def test_scalars_and_arrays_are_both_graded(tmp_path):
    # Fails on arrays only: float(x) raises for an array, so some cases pass and some do not.
    verdict = grade(tmp_path, "def double(x):\n    return 2.0 * float(x)\n")
    assert not verdict.passed
    assert 0 < verdict.cases_passed < verdict.cases_total
    assert verdict.error.kind == "exception"
    assert any("single numbers but not on numpy arrays" in note for note in verdict.notes)


def test_declared_misconception_is_named(tmp_path):
    verdict = grade(tmp_path, "def double(x):\n    return x ** 2\n")
    assert not verdict.passed
    assert verdict.diagnosis.name == "squared"
    assert verdict.failing_case.expected != verdict.failing_case.got


@pytest.mark.parametrize("body", [
    "def double(x):\n    return 4 * x\n",
    "def double(x):\n    y = x + x\n    return y + y\n",
])
def test_constant_factor_is_detected_from_outputs(tmp_path, body):
    verdict = grade(tmp_path, body)
    assert verdict.diagnosis.name == "extra_factor_2"


def test_flipped_sign_is_detected(tmp_path):
    verdict = grade(tmp_path, "def double(x):\n    return -2 * x\n")
    assert verdict.diagnosis.name == "flipped_sign"


def test_swapped_arguments_are_detected(tmp_path):
    verdict = grade(tmp_path, "def pair(a, b):\n    return b - a, a * b\n", exercise=PAIR)
    assert verdict.diagnosis.name == "argument_order"
    assert "difference has wrong values" in verdict.failing_case.problem


def test_exception_shows_the_learners_traceback_only(tmp_path):
    verdict = grade(tmp_path, "def double(x):\n    return x / 0\n")
    assert verdict.error.kind == "exception"
    assert "ZeroDivisionError" in verdict.error.message
    assert "line 2, in double" in verdict.error.details
    assert "child.py" not in verdict.error.details


def test_stub_is_not_implemented(tmp_path):
    verdict = grade(tmp_path, DOUBLE.starter_path.read_text())
    assert verdict.error.kind == "not_implemented"
    assert verdict.score == 0


@pytest.mark.slow  # runs to its time limit
def test_infinite_loop_times_out(tmp_path):
    verdict = grade(tmp_path, "def double(x):\n    while True:\n        pass\n")
    assert verdict.error.kind == "timeout"


def test_syntax_error(tmp_path):
    verdict = grade(tmp_path, "def double(x:\n    return 2 * x\n")
    assert verdict.error.kind == "syntax"
    assert "line 1" in verdict.error.message


def test_missing_function_names_the_expected_one(tmp_path):
    verdict = grade(tmp_path, "def doubel(x):\n    return 2 * x\n")
    assert verdict.error.kind == "missing_function"
    assert "`double`" in verdict.error.message and "doubel" in verdict.error.message


def test_none_is_a_bad_output(tmp_path):
    verdict = grade(tmp_path, "def double(x):\n    2 * x\n")
    assert verdict.error.kind == "output"
    assert "None" in verdict.error.message


def test_wrong_shape_is_its_own_message(tmp_path):
    body = "import numpy as np\ndef double(x):\n    return np.reshape(2 * x, (-1, 1))\n"
    verdict = grade(tmp_path, body)
    assert not verdict.passed
    assert "shape" in verdict.failing_case.problem


def test_nan_is_a_failure(tmp_path):
    verdict = grade(tmp_path, "def double(x):\n    return x * float('nan')\n")
    assert verdict.cases_passed == 0
    assert "NaN" in verdict.failing_case.problem


def test_mutating_inputs_fails_with_a_message(tmp_path):
    body = (
        "import numpy as np\n"
        "def double(x):\n"
        "    if isinstance(x, np.ndarray):\n"
        "        x *= 2\n"
        "        return x\n"
        "    return 2 * x\n"
    )
    verdict = grade(tmp_path, body)
    assert not verdict.passed
    assert verdict.error.kind == "mutation"
    assert "left its argument x changed (by up to" in verdict.error.message


@pytest.mark.parametrize("body,kind", [
    ("import sys\ndef double(x):\n    sys.exit(0)\n", "exit"),
    ("import sys\nsys.exit(0)\n", "exit"),
    ("import os\nos._exit(0)\n", "exit"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", "crash"),
    ("def double(x):\n    raise KeyboardInterrupt\n", "exception"),
    ("def double(x):\n    return double(x)\n", "exception"),
])
def test_exits_and_crashes_never_pass(tmp_path, body, kind):
    verdict = grade(tmp_path, body)
    assert not verdict.passed
    assert verdict.error.kind == kind


def test_printing_passed_does_not_pass(tmp_path):
    body = "print('PASSED')\nprint('{\"passed\": true}')\ndef double(x):\n    return x\n"
    verdict = grade(tmp_path, body)
    assert not verdict.passed
    assert "PASSED" in verdict.learner_output


def test_the_file_on_disk_now_is_graded_not_stale_bytecode(tmp_path):
    path = tmp_path / DOUBLE.learner_filename
    path.write_text("def double(x):\n    return x + x\n")
    stat = path.stat()
    assert grade_file(DOUBLE, path, seed=3)[0].passed
    path.write_text("def double(x):\n    return x - x\n")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same timestamp
    assert not grade_file(DOUBLE, path, seed=3)[0].passed


def test_a_seed_replays_exactly_and_fresh_seeds_differ(tmp_path):
    body = "import random\ndef double(x):\n    return 2 * x if random.random() < 0.5 else x\n"
    first = grade(tmp_path, body, seed=5)
    again = grade(tmp_path, body, seed=5)
    assert (first.cases_passed, first.failing_case) == (again.cases_passed, again.failing_case)
    other = grade(tmp_path, body, seed=6)
    assert other.failing_case.inputs != first.failing_case.inputs


def test_hard_coded_answers_from_one_run_fail_the_next(tmp_path):
    from grader.grading.cases import draw_cases

    case = draw_cases(DOUBLE, 5, count=1)[0]
    body = f"def double(x):\n    return {2 * case['x']!r}\n"
    assert grade(tmp_path, body, seed=5).cases_passed >= 1
    assert grade(tmp_path, body, seed=6).cases_passed == 0


def test_missing_file_and_folder(tmp_path):
    path = tmp_path / DOUBLE.learner_filename
    verdict, _ = grade_file(DOUBLE, path)
    assert verdict.error.kind == "file" and "does not exist" in verdict.error.message
    path.mkdir()
    verdict, _ = grade_file(DOUBLE, path)
    assert verdict.error.kind == "file" and "folder" in verdict.error.message


def test_non_utf8_file_fails_cleanly(tmp_path):
    path = tmp_path / DOUBLE.learner_filename
    path.write_bytes(b"def double(x):\n    return 2 * x  # \xff\xfe\n")
    verdict, source = grade_file(DOUBLE, path)
    assert not verdict.passed and verdict.error.kind == "syntax"


@pytest.mark.parametrize("body", [
    "import numpy as np\ndef double(x):\n    return np.ones(10**11)\n",
    "def double(x):\n    hoard = []\n    while True:\n        hoard.append(bytearray(10**7))\n",
])
def test_memory_limit(tmp_path, body):
    # With time to spare: hoarding slows down on a loaded machine, and the memory limit is what
    # must end it (at fx01's 1.5 s the clock could come first).
    roomy = copy.copy(DOUBLE)
    roomy.spec = dataclasses.replace(DOUBLE.spec, time_limit=ROOMY_SECONDS)
    verdict = grade(tmp_path, body, exercise=roomy)
    assert not verdict.passed
    assert verdict.error.kind == "memory"


SUMS = COURSE.resolve("fx03")
SUMS_PREFIX = "from fx01_double import double\n\n"


def test_nested_inputs_and_provided_modules(tmp_path):
    body = SUMS_PREFIX + (
        "def layer_sums(mats, label):\n"
        "    assert label == 'sums' and isinstance(mats, list)\n"
        "    return [double(m.sum(axis=1)) for m in mats], [m.sum(axis=0) for m in mats]\n"
    )
    verdict = grade(tmp_path, body, exercise=SUMS)
    assert verdict.passed, verdict


def test_provided_modules_are_the_reference_not_the_learners_file(tmp_path):
    (tmp_path / "fx01_double.py").write_text("def double(x):\n    return 3 * x\n")
    body = SUMS_PREFIX + (
        "def layer_sums(mats, label):\n"
        "    return [double(m.sum(axis=1)) for m in mats], [m.sum(axis=0) for m in mats]\n"
    )
    assert grade(tmp_path, body, exercise=SUMS).passed


def test_wrong_layer_is_located_from_the_output_and_the_case_shrunk(tmp_path):
    # Right everywhere except the column sums of the second-to-last layer.
    body = SUMS_PREFIX + (
        "def layer_sums(mats, label):\n"
        "    cols = [m.sum(axis=0) for m in mats]\n"
        "    cols[-2] = cols[-2] + 1\n"
        "    return [double(m.sum(axis=1)) for m in mats], cols\n"
    )
    verdict = grade(tmp_path, body, exercise=SUMS)
    assert not verdict.passed
    case = verdict.failing_case
    assert case.shrunk
    # Smallest instance that still fails: two layers, single rows and columns.
    assert set(case.inputs) == {"mats[0]", "mats[1]", "label"}
    assert case.inputs["mats[0]"].count(",") == 0
    assert "the second-to-last layer" in verdict.location
    assert "cols[0] is wrong there" in verdict.location
    assert "layer 2 of 3 in Nielsen's numbering" in verdict.location


def test_mutating_a_list_argument_is_caught(tmp_path):
    body = SUMS_PREFIX + (
        "def layer_sums(mats, label):\n"
        "    mats[0] *= 0\n"
        "    return [double(m.sum(axis=1)) for m in mats], [m.sum(axis=0) for m in mats]\n"
    )
    verdict = grade(tmp_path, body, exercise=SUMS)
    assert verdict.error.kind == "mutation" and "mats" in verdict.error.message


def test_the_capstone_checks_returned_inputs_like_every_step(tmp_path):
    from grader.course.spec import Course

    exercise = Course.load().resolve("ex23")
    path = tmp_path / exercise.learner_filename
    path.write_text("def train_digits(X_train, Y_train, seed):\n"
                    "    return [X_train[:, :30].T, Y_train[:, :30]], [None, None]\n")
    verdict, _ = grade_file(exercise, path, seed=1)
    assert not verdict.passed
    assert verdict.error.kind == "mutation" and "returned one of its input arrays" in \
        verdict.error.message


def test_a_step_may_import_the_learners_own_earlier_steps(runner, home):
    from grader.cli import cli

    runner.invoke(cli, ["path", "ex04"])
    (home / "ex03_cost_derivative.py").write_text(
        "def cost_derivative(a, y):\n    return 2 * (a - y)\n")
    (home / "ex04_weight_gradient.py").write_text(
        "from ex01_forward import forward\n"
        "from ex03_cost_derivative import cost_derivative\n\n"
        "def weight_gradient(w, x, y):\n    return x * cost_derivative(forward(w, x), y)\n")
    (home / "ex01_forward.py").write_text("def forward(w, x):\n    return w * x\n")
    result = runner.invoke(cli, ["check", "ex04", "--json"])
    document = json.loads(result.stdout)
    assert document["passed"], document["error"]
    (home / "ex03_cost_derivative.py").write_text(  # their own file it is: its bug shows
        "def cost_derivative(a, y):\n    return 2 * a - y\n")
    assert not json.loads(runner.invoke(cli, ["check", "ex04", "--json"]).stdout)["passed"]


def test_float32_arithmetic_is_named(tmp_path):
    from grader.course.spec import Course

    exercise = Course.load().resolve("ex19")
    path = tmp_path / exercise.learner_filename
    path.write_text(exercise.solution_path.read_text() + "\n\n_float64 = backprop\n\n\n"
                    "def backprop(weights, biases, activations, X, Y):\n"
                    "    import numpy as np\n"
                    "    f32 = lambda xs: None if xs is None else [x.astype(np.float32) "
                    "for x in xs]\n"
                    "    return _float64(f32(weights), f32(biases), activations, "
                    "X.astype(np.float32), Y.astype(np.float32))\n")
    verdict, _ = grade_file(exercise, path, seed=2)
    assert not verdict.passed
    assert verdict.diagnosis is not None and verdict.diagnosis.name == "float32"


def test_small_values_in_a_failing_case_are_not_printed_as_zero():
    import numpy as np

    from grader.grading.compare import format_value

    assert format_value(np.array([1.23e-5, 1.1e-4])) == "[1.23e-05, 1.10e-04]"
    assert format_value(np.array([1.5, 2.25])) == "[1.5 , 2.25]"  # fixed decimals otherwise
