"""Plain text of the learner's commands: a step's page, the step list, hints, solutions, quiz
questions and answers; a check's verdict is grader/presenting/'s. Short, friendly, exact. No
click here."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from grader import pictures
from grader.course.spec import Exercise
from grader.presenting.as_text import verdict_text
from grader.presenting.blocks import verdict_blocks
from grader.wording import headings

if TYPE_CHECKING:  # annotations only: the learner's API uses this package, not the other way round
    from grader.learner.api import CheckResult, StepStatus


def check_report(result: CheckResult, next_step: Exercise | None = None) -> str:
    """`learn check` and `learn watch`: the verdict as text (grader/presenting/). `next_step`:
    after a recorded pass, the step to go on to; None when every step is passed."""
    return verdict_text(verdict_blocks(result, next_step))


def step_page(exercise: Exercise, path, position: int, total: int,
              notebook: bool = False) -> str:
    """`learn next` and `learn show`; with `notebook`, `%learn next`: cells, not files."""
    header = f"Step {position} of {total} · {exercise.id} · {exercise.spec.title}"
    body = exercise.instructions.rstrip()
    if notebook:
        body = notebook_wording(body)
        if exercise.is_quiz:
            footer = (f"A quiz of {len(exercise.spec.questions)} questions. Start it: "
                      f"%learn quiz {exercise.id}")
        else:
            footer = (f"Write it in a cell whose first line is %%learn {exercise.id}, then run "
                      f"the cell: it is saved as {path} and checked.\n"
                      f"Hint:   %learn hint {exercise.id}")
    elif exercise.is_quiz:
        count = len(exercise.spec.questions)
        footer = f"A quiz of {count} questions. Start it: learn quiz {exercise.id}"
    else:
        footer = (f"Edit:   {path}\n"
                  f"Check:  learn check {exercise.id}        Hint: learn hint {exercise.id}")
    rule = "─" * min(len(header), 78)
    return f"{header}\n{rule}\n\n{body}\n\n{rule}\n{footer}"


# The terminal's words in the steps' texts (README, stub) and what a notebook says instead:
# there the learner edits a `%%learn` cell and runs it, and every command is a `%learn` magic.
_NOTEBOOK_WORDS = [
    (re.compile(r"Edit this file, then run `learn check (\w+)`\."),
     r"Edit this cell, then run it: its first line, `%%learn \1`, has it checked."),
    (re.compile(r"Then run `learn check (\w+)`\."),
     r"Then run this cell: its first line, `%%learn \1`, has it checked."),
    (re.compile(r"Check it with `learn check (\w+)`"),
     r"Check it by running its `%%learn \1` cell"),
    # only the commands a notebook has as magics; `learn submit` stays a terminal command
    (re.compile(r"`learn (?=(?:next|list|hint|explain|check|solution|quiz)\b)"), "`%learn "),
]


def notebook_wording(text: str) -> str:
    """A step's text as a notebook says it: 'edit this cell and run it', `%learn hint ex03`."""
    for pattern, replacement in _NOTEBOOK_WORDS:
        text = pattern.sub(replacement, text)
    return text


def solution_text(exercise: Exercise, source: str) -> str:
    """`learn solution`: the reference solution and what to notice in it."""
    text = f"Solution of {exercise.id} · {exercise.spec.title}\n\n{source.rstrip()}"
    if exercise.spec.notice:
        text += f"\n\nWhat to notice: {exercise.spec.notice}"
    return text


def _local(moment: str) -> str:
    """A UTC time as this machine's local time, with the weekday: Tue 10 Mar 13:00."""
    return datetime.fromisoformat(moment).astimezone().strftime("%a %d %b %H:%M")


def step_list(steps: list[StepStatus]) -> str:
    lines = []
    stage = None
    for step in steps:
        spec = step.exercise.spec
        if spec.stage and spec.stage != stage:
            stage = spec.stage
            # "A: one weight" reads "Stage A: one weight"; "Capstone: ..." stands alone.
            lines.append(f"Stage {stage}" if stage[:2].rstrip(":").isalpha()
                         and len(stage.split(":")[0]) == 1 else stage)
        if step.passed:
            mark = "✓"
        elif step.attempts:
            mark = "✗"
        else:
            mark = " "
        pointer = "→" if step.current else " "
        tries = f"  ({step.attempts} attempt{'s' * (step.attempts != 1)})" if step.attempts else ""
        title = f"Quiz: {spec.title}" if step.exercise.is_quiz else spec.title
        due = f"  due {_local(step.due)}" if step.due and not step.passed else ""
        lines.append(f" {pointer} [{mark}] {step.exercise.id:<6} {title}{tries}{due}")
    passed = sum(s.passed for s in steps)
    lines.append("")
    lines.append(f"{passed} of {len(steps)} steps passed.")
    return "\n".join(lines)


def question_text(number: int, total: int, question) -> str:
    lines = [f"Question {number} of {total} ({question.kind})", question.prompt]
    document = question.document()
    for letter, text in document.get("options", {}).items():
        lines.append(f"  {letter}) {text}")
    if document.get("multiple"):
        lines.append("  (several answers are right: write them as A,C)")
    if document.get("digits"):
        lines.append(f"  (a number, to {document['digits']} significant digits)")
    return "\n".join(lines)


def answer_feedback(question, result) -> str:
    if result.correct:
        head = "✓ Right."
    else:
        reason = f" {result.message}" if result.message else ""
        head = f"✗ Not quite.{reason}\n  The answer: {question.right_answer()}"
    text = f"{head}\n  {question.explanation}"
    if result.picture:
        text += "\n\n" + pictures.text(result.picture)
    return text


def quiz_summary(run) -> str:
    total = len(run.questions)
    lines = [headings.quiz_result(run.exercise.id, run.correct, total, run.passed,
                                  run.exercise.spec.pass_threshold)]
    unanswered = total - len(run.answers)
    if unanswered:
        lines.append(f"  {unanswered} question{'s' * (unanswered > 1)} not answered.")
    if not run.passed:
        lines.append(f"  Try again with `learn quiz {run.exercise.id}`: new numbers each time.")
    if run.store_error:
        lines.append(f"  Warning: answers NOT recorded: {run.store_error}")
    return "\n".join(lines)


def hint_text(given, step: str, again: str = "learn hint") -> str:
    """A hint as `learn hint` and `%learn hint` show it: the slip's own first, then the ladder."""
    if given.slip is not None:
        words = given.slip.replace("_", " ")
        text = f"Hint for the slip your last check of {step} named ({words}): {given.text}"
        if given.total:
            text += f"\n(`{again} {step}` again: the step's {given.total} hints, in order)"
        return text
    text = f"Hint {given.number} of {given.total} for {step}: {given.text}"
    if given.repeated:
        text += f"\nThat was the last hint. `learn show {step}` has the worked example again."
    return text
