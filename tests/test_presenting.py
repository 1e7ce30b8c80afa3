"""One verdict, every front end: the terminal's text, the notebook's HTML and `learn check --json`
format the same blocks (grader/presenting/), so they tell the same story: the headline, the
slip, the failing case with expected and got, and what the learner's code printed."""

import json
from html import escape
from pathlib import Path

import pytest

from grader.cli import cli
from grader.course.spec import Course
from grader.grading import grade
from grader.grading.quiz import draw_questions
from grader.grading.verdict import Verdict
from grader.learner import notebook
from grader.learner.api import CheckResult
from grader.presenting.as_text import verdict_text
from grader.presenting.blocks import NextStep, NotRecorded, verdict_blocks
from grader.wording import headings

from .conftest import FIXTURE_COURSE

SUMS = "from fx01_double import double\n\n"
FAILURES = {  # step, the learner's file
    "a named slip": ("fx01", "def double(x):\n    print('squaring', x)\n    return x * x\n"),
    "an exception": ("fx01", "def double(x):\n    print('about to fail')\n"
                             "    return {}['missing']\n"),
    "a wrong shape": ("fx02", "import numpy as np\n\n\ndef pair(a, b):\n    print('pairing')\n"
                              "    return np.zeros((2, 3)), a * b\n"),
    "NaN": ("fx01", "import numpy as np\n\n\ndef double(x):\n"
                    "    print('<b>nan</b> ahead & more')\n    return x * np.nan\n"),
    "a wrong layer": ("fx03", SUMS + "def layer_sums(mats, label):\n"
                                     "    print(len(mats), 'layers')\n"
                                     "    cols = [m.sum(axis=0) for m in mats]\n"
                                     "    cols[-2] = cols[-2] + 1\n"
                                     "    return [double(m.sum(axis=1)) for m in mats], cols\n"),
}


@pytest.fixture
def check(fixture_course, runner, monkeypatch):
    """check(step, body) -> (the terminal's text, the notebook's HTML and plain text, the JSON
    document), all of one seed: the cell is run as `%%learn step`, then checked by `learn check`
    and `learn check --json`."""
    monkeypatch.setattr(grade, "new_seed", lambda: 7)
    # A fresh child per check: no fork server left behind in the test process.
    monkeypatch.setattr(notebook, "_check",
                        lambda current, step: current.check(step, origin="notebook"))

    def run(step: str, body: str) -> tuple[str, str, str, dict]:
        shown = []
        monkeypatch.setattr(notebook, "show", lambda html, plain: shown.append((html, plain)))
        notebook.check_cell(step, body)
        text = runner.invoke(cli, ["check", step]).stdout
        document = json.loads(runner.invoke(cli, ["check", step, "--json"]).stdout)
        [(html, plain)] = shown
        return text, html, plain, document
    return run


def facts(document: dict) -> list[str]:
    """What the JSON's blocks say, line by line: each must be in the text and the HTML too."""
    said = [document["headline"]]
    for block in document["blocks"]:
        if block["kind"] == "slip":
            said += [block["name"], block["message"]]
        if block["kind"] in ("where", "problem"):
            said.append(block["text"])
        if block["kind"] == "case":
            said += [block["heading"], block["problem"]]
            said += [line.strip() for row in block["rows"] for part in row
                     for line in part.splitlines()]
        if block["kind"] == "printed":
            said += block["lines"]
    return said


@pytest.mark.parametrize("failure", FAILURES)
def test_the_terminal_the_notebook_and_json_say_the_same(check, failure):
    text, html, plain, document = check(*FAILURES[failure])
    kinds = [block["kind"] for block in document["blocks"]]
    assert not document["passed"] and kinds[0] == "headline"
    assert "printed" in kinds and document["learner_output"]
    assert "case" in kinds or "traceback" in kinds
    for fact in facts(document):
        assert fact in text, fact
        assert escape(fact) in html, fact
    assert plain == text.rstrip("\n")  # the notebook's plain text is the terminal's
    blocks = {block["kind"]: block for block in document["blocks"]}
    if failure == "a named slip":
        assert blocks["slip"]["name"] == "squared" and "squaring" in blocks["printed"]["lines"][0]
        assert [label for label, _ in blocks["case"]["rows"]] == ["x =", "expected", "got"]
    if failure == "a wrong layer":
        assert "the second-to-last layer" in blocks["where"]["text"]
    if failure == "NaN":
        assert "&lt;b&gt;nan&lt;/b&gt; ahead &amp; more" in html  # printed text is escaped


def test_the_notebook_shows_what_the_code_printed(check):
    _, failed, _, _ = check("fx01", "def double(x):\n    print('trying', x)\n    return x + 1\n")
    assert "Your code printed" in failed and "trying" in failed
    _, passed, _, _ = check("fx01", "def double(x):\n    print('fine')\n    return x + x\n")
    assert "passed" in passed and "fine" in passed


def test_only_the_pass_of_the_last_step_left_says_backprop_is_built(check, runner):
    quiz = Course.load(FIXTURE_COURSE).resolve("fq01")
    answers = [f"{n}={q.right_answer()}" for n, q in enumerate(draw_questions(quiz, 3), 1)]
    runner.invoke(cli, ["quiz", "fq01", "--seed", "3", *sum((["--answer", a] for a in answers),
                                                             [])])
    solutions = {e.id: e.solution_path.read_text() for e in Course.load(FIXTURE_COURSE)
                 if not e.is_quiz}
    for step, after in (("fx01", "fx02"), ("fx02", "fx03")):
        text, html, plain, _ = check(step, solutions[step])
        assert f"Next: {after}" in html and f"Next: {after}" in plain
        assert "(run `%learn next`)" in plain  # a notebook's command
        assert headings.LAST_STEP not in html + plain
    text, html, plain, _ = check("fx03", solutions["fx03"])
    assert headings.LAST_STEP in html and headings.LAST_STEP in plain


def test_a_pass_that_was_not_recorded_says_so_and_not_what_comes_next():
    exercise = Course.load(FIXTURE_COURSE).resolve("fx01")
    verdict = Verdict("fx01", 7, True, 1.0, 6, 6)
    result = CheckResult(exercise, Path("fx01_double.py"), verdict, None, "disk full")
    blocks = verdict_blocks(result)
    assert not any(isinstance(block, NextStep) for block in blocks)
    assert blocks[-1] == NotRecorded("disk full")
    assert verdict_text(blocks) == ("✓ fx01 passed: 6 of 6 cases right. Well done!\n\n"
                                    "  Warning: this attempt was NOT recorded: disk full")
