"""The Jupyter front end in a real kernel (nbclient + ipykernel): the workbook `learn notebook`
writes, `%%learn` cells graded and recorded with origin `notebook`, slips named in the HTML."""

import json
import sqlite3

import nbclient
import nbformat
import pytest

from grader.cli import cli

pytestmark = pytest.mark.slow  # starts Jupyter kernels


def run_cells(notebook, *bodies: str) -> list:
    """Execute `%load_ext grader` and the given cells in one fresh kernel; their outputs."""
    cells = [nbformat.v4.new_code_cell("%load_ext grader")]
    cells += [nbformat.v4.new_code_cell(body) for body in bodies]
    notebook.cells = cells
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    return [cell.outputs for cell in notebook.cells[1:]]


def bundle(outputs) -> dict:
    [output] = [o for o in outputs if o.get("output_type") == "display_data"]
    return output["data"]


def test_the_workbook_runs_in_a_real_kernel(runner, home, tmp_path):
    path = tmp_path / "workbook.ipynb"
    assert runner.invoke(cli, ["notebook", str(path)]).exit_code == 0
    notebook = nbformat.read(str(path), as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code[0].source == "%load_ext grader"
    ex01 = next(c for c in code if c.metadata.get("learn", {}).get("step") == "ex01")
    assert ex01.source.startswith("%%learn ex01\n") and "NotImplementedError" in ex01.source
    assert any(c.source == "%learn quiz q01" for c in code)
    # A notebook's words: the stubs and the instructions say to run the cell, not `learn check`
    assert "Edit this cell, then run it: its first line, `%%learn ex01`" in ex01.source
    assert not any("learn check" in c.source.replace("%learn check", "") for c in notebook.cells)

    stub, right, slip, where, solution, locked = run_cells(
        notebook, ex01.source, "%%learn ex01\ndef forward(w, x):\n    return w * x\n",
        "%%learn ex03\ndef cost_derivative(a, y):\n    return 2 * a - y\n", "%learn next",
        "%learn solution ex01", "%learn solution ex03")
    assert "ex01 failed" in bundle(stub)["text/plain"] and "not written yet" in \
        bundle(stub)["text/html"]
    assert "ex01 passed" in bundle(right)["text/html"]
    html = bundle(slip)["text/html"]
    assert "ex03 failed" in html and "two_a_minus_y" in html and "<table>" in html
    assert "ex02" in bundle(where)["text/plain"]  # ex01 passed: next is ex02
    page = bundle(where)["text/plain"]
    assert "a cell whose first line is %%learn ex02, then run the cell" in page
    assert "learn check" not in page.replace("%learn check", "")
    assert "Solution of ex01" in bundle(solution)["text/plain"] and "return w * x" in \
        bundle(solution)["text/plain"]
    assert "pass ex03 first (`%learn check ex03`)" in bundle(locked)["text/plain"]
    rows = sqlite3.connect(home / "progress.db").execute(
        "SELECT exercise_id, passed, origin FROM attempts ORDER BY created_at").fetchall()
    assert rows == [("ex01", 0, "notebook"), ("ex01", 1, "notebook"), ("ex03", 0, "notebook")]
    assert (home / "ex01_forward.py").read_text().startswith("def forward(w, x):")
    listed = json.loads(runner.invoke(cli, ["list", "--json"]).stdout)
    assert listed["steps"][0]["passed"]  # the notebook's pass counts like any other


def test_a_second_workbook_never_overwrites_an_edited_one(runner, home, tmp_path):
    path = tmp_path / "workbook.ipynb"
    runner.invoke(cli, ["notebook", str(path)])
    again = runner.invoke(cli, ["notebook", str(path)])  # nothing edited: written again
    assert again.exit_code == 0 and not (tmp_path / "workbook-2.ipynb").exists()
    notebook = nbformat.read(str(path), as_version=4)
    cell = next(c for c in notebook.cells if c.metadata.get("learn", {}).get("step") == "ex02")
    cell.source = "%%learn ex02\ndef cost(a, y):\n    return (a - y) ** 2\n"
    nbformat.write(notebook, str(path))
    mine = path.read_text()
    third = runner.invoke(cli, ["notebook", str(path)])
    assert "left as it is" in third.output and "ex02" in third.output
    assert path.read_text() == mine
    assert (tmp_path / "workbook-2.ipynb").exists()


def quiz_rows(home) -> tuple[list, list]:
    db = sqlite3.connect(home / "progress.db")
    answers = db.execute("SELECT question_number, valid, correct, misconception, answer "
                         "FROM quiz_answers ORDER BY created_at").fetchall()
    attempts = db.execute("SELECT exercise_id, origin, passed, error_kind, cases_passed "
                          "FROM attempts").fetchall()
    return answers, attempts


# Runs in the kernel after `%learn quiz q01`: fills the form's answer box and clicks Submit, as a
# learner would: something unreadable first, then a known slip, then every other answer right.
DRIVE_THE_FORM = """
from grader.learner import notebook_quiz
from grader.grading.quiz import slip_answers
form = notebook_quiz.current.form
questions = notebook_quiz.current.run.questions
def submit(text):
    form.text.value = text
    form.button.click()
submit('???')
slip, slip_name = slip_answers(questions[0])[0]
submit(slip)
for question in questions[1:]:
    submit(question.right_answer())
print(slip_name, len(questions), form.text.disabled)
for output in form.output.outputs:
    print(output['data']['text/plain'])
"""


def test_a_quiz_is_answered_through_its_form_in_a_real_kernel(home):
    asked, driven = run_cells(nbformat.v4.new_notebook(), "%learn quiz q01", DRIVE_THE_FORM)
    [form] = [o for o in asked if o.get("output_type") == "display_data"]
    assert "application/vnd.jupyter.widget-view+json" in form["data"]
    assert "%learn answer" in form["data"]["text/plain"]  # what a front end without widgets shows
    printed = "".join(o.get("text", "") for o in driven if o.get("output_type") == "stream")
    slip_name, total, closed = printed.splitlines()[0].split()
    assert closed == "True"  # after the last answer the box and the button are disabled
    assert "Could not read '???'" in printed and "✗ Not quite." in printed
    assert printed.count("✓ Right.") == int(total) - 1
    assert f"✓ q01: {int(total) - 1} of {total} right, passed." in printed

    answers, attempts = quiz_rows(home)
    assert [(n, valid, correct) for n, valid, correct, _, _ in answers] == \
        [(1, 0, 0), (1, 1, 0)] + [(n, 1, 1) for n in range(2, int(total) + 1)]
    assert answers[1][3] == slip_name  # the slip is named in the store, as in the terminal
    assert attempts == [("q01", "notebook", 1, None, int(total) - 1)]  # finished and passed


# No ipywidgets in this kernel, and nbclient gives no stdin: the quiz is answered in words.
WITHOUT_WIDGETS = "import sys\nsys.modules['ipywidgets'] = None  # import ipywidgets fails"
ANSWER_IN_WORDS = """
from grader.learner import notebook_quiz
questions = notebook_quiz.current.run.questions
get_ipython().run_line_magic('learn', 'answer q01 1 ' + questions[0].right_answer())
get_ipython().run_line_magic('learn', 'answer 1 0')
for number, question in enumerate(questions[1:], 2):
    get_ipython().run_line_magic('learn', f'answer {number}={question.right_answer()}')
"""


def test_without_widgets_or_stdin_a_quiz_is_answered_with_percent_learn_answer(home):
    _, asked, answered, after = run_cells(nbformat.v4.new_notebook(), WITHOUT_WIDGETS,
                                          "%learn quiz q01", ANSWER_IN_WORDS, "%learn answer 1 2")
    assert not any(o.get("output_type") == "error" for o in asked + answered + after)
    listing = bundle(asked)["text/plain"]
    assert "Question 1 of" in listing and "`%learn answer N ANSWER`" in listing
    shown = [o["data"]["text/plain"] for o in answered if o.get("output_type") == "display_data"]
    assert "✓ Right." in shown[0] and "Next:" in shown[0] and "%learn answer 2" in shown[0]
    assert "question 1 of q01 is answered" in shown[1]  # one answer per question
    assert "✓ q01:" in shown[-1] and "passed" in shown[-1]
    assert "q01 is over" in bundle(after)["text/plain"]
    answers, attempts = quiz_rows(home)
    assert all(correct for _, _, correct, _, _ in answers), answers
    assert attempts[0][:3] == ("q01", "notebook", 1)
