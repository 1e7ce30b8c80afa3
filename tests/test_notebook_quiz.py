"""The notebook without a kernel: a quiz answered in words (`%learn answer`) or with input()
where there are no widgets, and a step's text in a notebook's words. The form and the fallback
in a real kernel: tests/test_notebook.py."""

import pytest

from grader.errors import LearnError
from grader.learner import notebook_quiz
from grader.learner.api import Session


@pytest.fixture
def shown(home, monkeypatch) -> list[str]:
    """q01 open with seed 4; what `%learn answer` shows, as plain text."""
    run = Session().quiz("q01", seed=4, origin="notebook")
    monkeypatch.setattr(notebook_quiz, "current", notebook_quiz.OpenQuiz(run))
    return []


def answer(line: str, shown: list[str]) -> str:
    notebook_quiz.answer(line, lambda _html, plain: shown.append(plain))
    return shown[-1]


def test_each_way_of_writing_an_answer_reaches_its_question(shown):
    questions = notebook_quiz.current.run.questions
    assert "✓ Right." in answer(f"1 {questions[0].right_answer()}", shown)
    assert "Answer it with `%learn answer 2 ...`" in shown[-1]
    expression = questions[1].right_answer()  # "9.68w − 4.84": spaces inside are kept
    assert " " in expression and "✓ Right." in answer(f"q01 2 dC/dw = {expression}", shown)
    assert "✓ Right." in answer(f"3={questions[2].right_answer()}", shown)
    assert "✗ Not quite." in answer("4 12345", shown)
    last = answer(f"q1  5  {questions[4].right_answer()}", shown)
    assert "✓ q01: 4 of 5 right, passed." in last and "Next:" not in last
    assert notebook_quiz.current.finished


@pytest.mark.parametrize("line,message", [
    ("", "write the question's number"),
    ("B", "write the question's number"),
    ("q02 1 0.5", "the quiz open here is q01; start q02 with `%learn quiz q02`"),
    ("9 0.5", "q01 has questions 1 to 5"),
    ("1", "write the answer after the number"),
    ("1=", "write the answer after the number"),
])
def test_a_line_that_answers_nothing_says_how_to(shown, line, message):
    with pytest.raises(LearnError, match=message):
        answer(line, shown)
    assert not notebook_quiz.current.run.answers


def test_an_unreadable_answer_is_asked_again_and_an_answered_question_not(shown):
    assert "Could not read" in answer("1 ???", shown)
    answer("1 0", shown)
    with pytest.raises(LearnError, match="question 1 of q01 is answered"):
        answer("1 1", shown)


def test_no_quiz_open_says_how_to_start_one(home, monkeypatch):
    monkeypatch.setattr(notebook_quiz, "current", None)
    with pytest.raises(LearnError, match="start one with `%learn quiz q01`"):
        notebook_quiz.answer("1 0.5", print)


def test_with_stdin_and_no_widgets_the_questions_are_asked_with_input(shown, monkeypatch, capsys):
    quiz = notebook_quiz.current
    typed = iter(["???"] + [q.right_answer() for q in quiz.run.questions])
    prompts = []
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or next(typed))
    notebook_quiz._ask_with_input(quiz, lambda _html, plain: shown.append(plain))
    assert prompts[0].startswith("Question 1 of 5") and prompts[1] == "> "  # asked again
    printed = capsys.readouterr().out
    assert "Could not read '???'" in printed and printed.count("✓ Right.") == 5
    assert "✓ q01: 5 of 5 right, passed." in printed and quiz.finished and not shown


def test_without_stdin_the_questions_are_listed_to_answer_in_words(shown, monkeypatch, capsys):
    from IPython.core.error import StdinNotImplementedError

    def no_stdin(prompt):
        raise StdinNotImplementedError("raw_input was called, but this frontend does not "
                                       "support input requests.")

    monkeypatch.setattr("builtins.input", no_stdin)
    notebook_quiz._ask_with_input(notebook_quiz.current, lambda _h, plain: shown.append(plain))
    assert capsys.readouterr().out == ""  # no traceback, no question printed twice
    [listing] = shown
    assert listing.count("Question ") == 5 and "`%learn answer N ANSWER`" in listing


@pytest.mark.parametrize("terminal,notebook", [
    ("Edit this file, then run `learn check ex07`.",
     "Edit this cell, then run it: its first line, `%%learn ex07`, has it checked."),
    ("Then run `learn check ex34`.", "Then run this cell: its first line, `%%learn ex34`, has it "
                                     "checked."),
    ("Check it with `learn check ex03`. Stuck? `learn hint ex03` shows one hint at a time.",
     "Check it by running its `%%learn ex03` cell. Stuck? `%learn hint ex03` shows one hint at "
     "a time."),
    ("Start it with `learn quiz q01`.", "Start it with `%learn quiz q01`."),
    ("`learn submit` writes your hand-in", "`learn submit` writes your hand-in"),  # no magic
])
def test_a_steps_text_in_notebook_words(terminal, notebook):
    from grader.presenting.render import notebook_wording

    assert notebook_wording(terminal) == notebook


def test_a_quiz_has_no_solution_file_to_show(home):
    with pytest.raises(LearnError, match="q01 is a quiz: each answer is shown with its "
                                         "explanation"):
        Session().solution("q01")  # it used to reach for a solution.py that quizzes lack
