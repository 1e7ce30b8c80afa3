"""`%learn review`: its questions answered as a notebook answers a quiz (`%learn answer`, a hint
with `?`), a check item answered by a `%%learn review ex03` cell; and in a real kernel
(nbclient + ipykernel), the quiz form's widgets."""

import sqlite3

import nbformat
import pytest

from grader.errors import LearnError
from grader.learner import notebook_quiz, notebook_review
from grader.learner.api import Session
from tests.review_simulation import START, at, slip_then_pass
from tests.test_notebook import run_cells
from tests.test_review import take_q01


@pytest.fixture
def due_question(home, monkeypatch):
    """A learner whose q01 slip is due: day 1 of the course."""
    monkeypatch.setenv("LEARN_NOW", START.isoformat())
    take_q01({1: "two_a_minus_y"})
    at(1)
    monkeypatch.setattr(notebook_quiz, "_widgets_work", lambda: False)
    monkeypatch.setattr(notebook_quiz, "current", None)
    monkeypatch.setattr(notebook_review, "current", None)
    shown: list[str] = []
    monkeypatch.setattr(notebook_quiz, "_ask_with_input",
                        lambda quiz, show: show("", quiz.listing()))
    return shown


def test_percent_learn_answer_answers_the_reviews_questions(due_question):
    shown = due_question
    notebook_review.start(Session(), lambda _html, plain: shown.append(plain))
    assert shown[0].startswith("1 review item due now.")
    assert "Review 1 of 1 · q01, question 1" in shown[1] and "`%learn answer N ANSWER`" in shown[1]
    question = notebook_review.current.run.questions[0]
    notebook_quiz.answer("1 ?", lambda _html, plain: shown.append(plain))
    assert shown[-1].startswith("Hint: ")
    notebook_quiz.answer(f"1 {question.right_answer()}", lambda _h, plain: shown.append(plain))
    assert "✓ Right." in shown[-1] and "Review: 1 of 1 right." in shown[-1]
    assert "Next review: tomorrow" in shown[-1]  # Hard: sooner than Good's 2 days
    with pytest.raises(LearnError, match="review question 1 is not open"):
        notebook_quiz.answer("1 4.5", lambda *_: None)
    ratings = Session().connection.execute("SELECT rating FROM review_log WHERE event = "
                                           "'reviewed'").fetchall()
    assert ratings == [(2,)]  # right after the hint: Hard


def test_a_review_cell_needs_an_open_review_with_that_check(due_question):
    with pytest.raises(LearnError, match="no review is open here"):
        notebook_review.check_cell("ex03", "def cost_derivative(a, y): ...", lambda *_: None)
    notebook_review.start(Session(), lambda *_: None)
    with pytest.raises(LearnError, match="ex03 is not waiting to be checked in this review"):
        notebook_review.check_cell("ex03", "def cost_derivative(a, y): ...", lambda *_: None)


# Runs in the kernel after `%learn review`: a hint through the form's box, then the right answer.
DRIVE_THE_FORM = """
from grader.learner import notebook_review
review = notebook_review.current
form = review.form
def submit(text):
    form.text.value = text
    form.button.click()
submit('?')
submit(review.run.questions[0].right_answer())
print(review.total, form.text.disabled)
for output in form.output.outputs:
    print(output['data']['text/plain'])
"""
RIGHT_EX03 = "%%learn review ex03\ndef cost_derivative(a, y):\n    return 2 * (a - y)\n"


@pytest.mark.slow  # starts a Jupyter kernel
def test_percent_learn_review_in_a_real_kernel(home, monkeypatch):
    monkeypatch.setenv("LEARN_NOW", START.isoformat())  # the kernel inherits the clock
    slip_then_pass(home)
    take_q01({1: "two_a_minus_y"})
    at(1)
    due, asked, driven, checked = run_cells(nbformat.v4.new_notebook(), "%learn next",
                                            "%learn review", DRIVE_THE_FORM, RIGHT_EX03)
    text = "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in due)
    assert "2 review items due: `%learn review`" in text
    listing, form = [o for o in asked if o.get("output_type") == "display_data"]
    assert "2 review items due now." in listing["data"]["text/plain"]
    assert "%%learn review ex03" in listing["data"]["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in form["data"]
    printed = "".join(o.get("text", "") for o in driven if o.get("output_type") == "stream")
    assert printed.splitlines()[0] == "1 True"  # one question, and its box closed after it
    assert "Hint: " in printed and "✓ Right." in printed
    [verdict] = [o for o in checked if o.get("output_type") == "display_data"]
    assert "✓ Review of ex03:" in verdict["data"]["text/html"]
    assert "Review: 2 of 2 right." in verdict["data"]["text/plain"]
    db = sqlite3.connect(home / "progress.db")
    assert sorted(db.execute("SELECT exercise_id, origin, passed FROM attempts WHERE origin = "
                             "'review'").fetchall()) == [("ex03", "review", 1),
                                                          ("q01", "review", 1)]
    assert sorted(db.execute("SELECT asked, rating FROM review_log WHERE event = 'reviewed'"
                             ).fetchall()) == [("ex03", 3), ("q01:1", 2)]
