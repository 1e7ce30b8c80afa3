"""Quizzes on the fixture course: scripted and interactive runs, invalid answers, replay,
storage of every answer, and the code-step commands refusing a quiz."""

import json
import sqlite3

import pytest

from grader.cli import cli
from grader.course.spec import Course
from grader.grading.quiz import draw_questions, slip_answers

from .conftest import FIXTURE_COURSE

QUIZ = Course.load(FIXTURE_COURSE).resolve("fq01")


def answers(home):
    conn = sqlite3.connect(home / "progress.db")
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute("SELECT * FROM quiz_answers ORDER BY created_at")]


def right_answers(seed):
    return [f"{i}={q.right_answer()}" for i, q in enumerate(draw_questions(QUIZ, seed), 1)]


QUIZ22 = Course.load().resolve("q22")


def test_every_question_accepts_its_answer_and_names_its_slips():
    for seed in range(20):
        for question in draw_questions(QUIZ, seed):
            assert question.grade(question.right_answer()).correct
            for text, name in slip_answers(question):
                result = question.grade(text)
                assert not result.correct and result.misconception == name


def test_replay_is_identical_and_seeds_differ():
    first = [q.document() for q in draw_questions(QUIZ, 7)]
    assert first == [q.document() for q in draw_questions(QUIZ, 7)]
    assert any(first != [q.document() for q in draw_questions(QUIZ, s)] for s in range(8, 12))


def test_scripted_right_answers_pass_and_are_stored(runner, fixture_course, home):
    args = ["quiz", "fq01", "--seed", "5", "--json"]
    for item in right_answers(5):
        args += ["--answer", item]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["passed"] and document["correct"] == 4
    rows = answers(home)
    assert len(rows) == 4 and all(r["correct"] == 1 and r["valid"] == 1 for r in rows)
    assert {r["attempt_id"] for r in rows} == {document["attempt_id"]}
    listed = json.loads(runner.invoke(cli, ["list", "--json"]).stdout)
    assert next(s for s in listed["steps"] if s["id"] == "fq01")["passed"]


def test_wrong_answers_fail_with_their_misconception(runner, fixture_course, home):
    questions = draw_questions(QUIZ, 5)
    slips = [slip_answers(q)[0] for q in questions]
    args = ["quiz", "fq01", "--seed", "5", "--json"]
    for number, (text, _) in enumerate(slips, 1):
        args += ["--answer", f"{number}={text}"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert not document["passed"]
    assert [a["misconception"] for a in document["answers"]] == [name for _, name in slips]
    assert [r["misconception"] for r in answers(home)] == [name for _, name in slips]


def test_an_unreadable_answer_is_stored_as_invalid_not_wrong(runner, fixture_course, home):
    result = runner.invoke(cli, ["quiz", "fq01", "--answer", "2=import os"])
    assert result.exit_code == 1
    assert "Could not read it" in result.output and "unknown name 'import'" in result.output
    [row] = answers(home)
    assert row["valid"] == 0 and row["correct"] == 0 and row["answer"] == "import os"


def test_interactive_asks_again_and_stops_cleanly_at_end_of_input(runner, fixture_course, home):
    first = draw_questions(QUIZ, 9)[0]
    typed = f"???\n{first.right_answer()}\n"  # unreadable, then right; then end of input
    result = runner.invoke(cli, ["quiz", "fq01", "--seed", "9"], input=typed)
    assert result.exit_code == 1  # 1 of 4 is not a pass
    assert "Try again" in result.output and "✓ Right." in result.output
    assert "end of input" in result.output and "3 questions not answered" in result.output
    rows = answers(home)
    assert [(r["valid"], r["correct"]) for r in rows] == [(0, 0), (1, 1)]


def test_questions_json_records_nothing(runner, fixture_course, home):
    result = runner.invoke(cli, ["quiz", "fq01", "--seed", "3", "--questions", "--json"])
    document = json.loads(result.stdout)
    assert [q["kind"] for q in document["questions"]] == [
        "numeric", "expression", "choice", "shape"]
    assert set(document["questions"][2]["options"]) == {"A", "B", "C"}
    assert not (home / "progress.db").exists() or answers(home) == []


@pytest.mark.parametrize("args,message", [
    (["check", "fq01"], "is a quiz: run `learn quiz fq01`"),
    (["path", "fq01"], "is a quiz, with no file"),
    (["quiz", "fx01"], "is a code step"),
    (["quiz", "fq01", "--answer", "9=1"], "N from 1 to 4"),
    (["quiz", "fq01", "--answer", "one"], "N=ANSWER"),
])
def test_usage_errors(runner, fixture_course, home, args, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output + result.stderr


CURRICULUM_QUIZZES = [e for e in Course.load() if e.is_quiz]


@pytest.mark.parametrize("quiz", CURRICULUM_QUIZZES, ids=lambda q: q.id)
def test_every_curriculum_question_accepts_its_answer_and_names_every_slip(quiz):
    for seed in range(8):
        for question in draw_questions(quiz, seed):
            assert question.grade(question.right_answer()).correct
            for text, name in slip_answers(question):
                result = question.grade(text)
                assert not result.correct and result.misconception == name, (seed, text)


@pytest.mark.parametrize("quiz", CURRICULUM_QUIZZES, ids=lambda q: q.id)
def test_every_quiz_passes_with_right_answers_and_fails_with_wrong_ones(quiz, runner, home):
    questions = draw_questions(quiz, 11)
    right = ["quiz", quiz.id, "--seed", "11", "--json"]
    wrong = ["quiz", quiz.id, "--seed", "11", "--json"]
    for number, question in enumerate(questions, 1):
        right += ["--answer", f"{number}={question.right_answer()}"]
        slips = slip_answers(question)
        wrong += ["--answer", f"{number}={slips[0][0] if slips else '0'}"]
    passed = runner.invoke(cli, right)
    assert passed.exit_code == 0, passed.output
    assert json.loads(passed.stdout)["passed"]
    failed = runner.invoke(cli, wrong)
    assert failed.exit_code == 1
    document = json.loads(failed.stdout)
    assert not document["passed"]
    stored = [r for r in answers(home) if r["attempt_id"] == document["attempt_id"]]
    assert len(stored) == len(questions)


def test_a_numeric_question_says_its_precision_and_asks_again_for_a_short_answer():
    from grader.grading.quiz import Numeric
    from grader.presenting.render import question_text

    question = Numeric(prompt="σ′(0.3)?", explanation="", answer=0.7921)
    assert "(a number, to 4 significant digits)" in question_text(1, 1, question)
    short = question.grade("0.79")
    assert not short.valid and "give 4 significant digits" in short.message
    assert question.grade("0.7921").correct
    assert question.grade("0.5").valid and not question.grade("0.5").correct


def test_a_slip_is_told_before_any_rule_of_precision():
    """q22: 2 for 1.8 is the factor 0.9 left out, not 1.8 rounded to one digit."""
    from grader.grading.quiz import Numeric

    question = next(q for seed in range(50) for q in draw_questions(QUIZ22, seed)
                    if q.prompt.endswith("c.backward(). What is a.grad?") and "b = a + a" in
                    q.prompt and any(s.misconception == "upstream_gradient_left_out"
                                     for s in q.slips))
    slip = next(s for s in question.slips if s.misconception == "upstream_gradient_left_out")
    result = question.grade(f"{float(slip.value):g}")
    assert result.valid and not result.correct
    assert result.misconception == "upstream_gradient_left_out"
    whole = Numeric(prompt="?", explanation="", answer=1.8)  # no slip declared: "2" is wrong
    assert whole.grade("2").valid and not whole.grade("2").correct


def test_a_single_answer_question_never_says_options_are_missing():
    from grader.grading.quiz import Choice, Option

    single = Choice(prompt="?", explanation="", options=[Option("right", True),
                                                           Option("wrong", False)])
    assert "missing" not in single.grade("B").message
    several = Choice(prompt="?", explanation="", options=[Option("a", True), Option("b", True),
                                                           Option("c", False)])
    assert "Some right options are missing" in several.grade("A").message
