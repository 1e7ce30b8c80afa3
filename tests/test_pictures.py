"""Pictures where a learner would rather look than read: cost curves (ex06), the digits the
capstone's network read wrong, the network's layers with the first wrong one marked; as text for
the terminal and SVG for a notebook."""

import re
from pathlib import Path

import pytest

from grader import plots, render
from grader.api import CheckResult
from grader.grade import grade_file
from grader.spec import Course

COURSE = Course.load()


def check(tmp_path: Path, step: str, body: str, seed: int = 3):
    exercise = COURSE.resolve(step)
    path = tmp_path / exercise.learner_filename
    path.write_text(body)
    verdict, _ = grade_file(exercise, path, seed=seed)
    return verdict, render.check_report(CheckResult(exercise, path, verdict, None, None))


ASCENT = ("def train(w, x, y, learning_rate, steps):\n    costs = []\n"
          "    for _ in range(steps):\n        a = w * x\n        costs.append((a - y) ** 2)\n"
          "        w = w + learning_rate * 2 * (a - y) * x\n"
          "    costs.append((w * x - y) ** 2)\n    return w, costs\n")


def test_a_diverging_training_loop_shows_its_cost_curve_leaving_the_plot(tmp_path):
    verdict, text = check(tmp_path, "ex06", ASCENT)
    picture = verdict.failing_case.picture
    assert picture["kind"] == "curves"
    assert len(picture["series"]["yours"]) == len(picture["series"]["reference"]) + 1
    assert "↑ yours above the plot" in text and "● yours" in text
    assert plots.svg(picture).startswith("<svg") and "<polyline" in plots.svg(picture)


def test_the_capstone_shows_digits_it_read_wrong(tmp_path):
    body = ("import numpy as np\ndef train_digits(X_train, Y_train, seed):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    return ([rng.standard_normal((30, 64)), rng.standard_normal((10, 30))],\n"
            "            [np.zeros((30, 1)), np.zeros((10, 1))])\n")
    verdict, text = check(tmp_path, "ex23", body)
    picture = verdict.failing_case.picture
    assert picture["kind"] == "digits" and len(picture["images"]) == 4
    assert all(p != t for p, t in zip(picture["predicted"], picture["true"], strict=True))
    assert len(re.findall(r"read \d, is \d", text)) == 4 and "█" in text
    assert plots.svg(picture).count("<rect") == 4 * 64


def test_a_layered_step_shows_the_entry_of_the_layer_it_names(tmp_path):
    exercise = COURSE.resolve("ex19")
    body = exercise.solution_path.read_text().replace(
        "deltas[l] = (weights[l + 1].T @ deltas[l + 1]) * PRIMES[activations[l]](Zs[l])",
        "deltas[l] = weights[l + 1].T @ deltas[l + 1]")  # σ′ left out of BP2
    verdict, text = check(tmp_path, "ex19", body, seed=4)
    picture = verdict.failing_case.picture
    assert picture["kind"] == "layers"
    layer = picture["wrong"]
    nielsen = layer + 2
    assert f"(layer {nielsen} of {picture['count'] + 1} in Nielsen's numbering" in \
        verdict.location
    assert f"[{layer}] has wrong values" in verdict.failing_case.problem
    assert f"[layer {nielsen} ✗]" in text


def test_a_learning_rate_twice_too_big_shows_training_that_never_settles(tmp_path):
    verdict, text = check(tmp_path, "ex07",
                          "def learning_rate_limits(x):\n    return 1 / x**2, 2 / x**2\n")
    picture = verdict.failing_case.picture
    assert picture["kind"] == "curves"
    reference, yours = picture["series"]["reference"], picture["series"]["yours"]
    assert reference[1:] == [0.0] * (len(reference) - 1)  # the one-step rate lands at once
    assert yours == pytest.approx([yours[0]] * len(yours))  # 1/x²: the same error, bouncing
    assert "● yours" in text


def test_the_learning_rate_quiz_draws_a_wrong_rate_beside_the_right_one():
    from grader.quiz import draw_questions

    quiz = COURSE.resolve("q02")
    drawn = [q for q in draw_questions(quiz, 5) if getattr(q, "draw", None)]
    assert drawn, "q02 has questions that draw their answers"
    for question in drawn:
        wrong = question.grade(repr(question.answer * 2.5))
        assert not wrong.correct and wrong.picture["kind"] == "curves"
        feedback = render.answer_feedback(question, wrong)
        assert "● yours" in feedback and "· expected" in feedback
        assert question.grade(repr(question.answer)).picture is None
