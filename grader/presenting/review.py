"""A review run as the terminal and the notebook show it: each item's heading and what it asks,
a check's verdict as `learn check` words it (without its replay line: a review's cases are not
replayed), and what comes after the run."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from grader import clock
from grader.grading.verdict import Verdict
from grader.learner.api import CheckResult
from grader.learner.review import Asked, ReviewRun
from grader.presenting import render
from grader.presenting.blocks import Block, Headline, NextStep, Replay, verdict_blocks
from grader.wording import review as say


def item_text(run: ReviewRun, number: int, path: Path | None = None,
              notebook: bool = False) -> str:
    """Item `number` (from 1): its heading, then the question, or the function to write again
    (in `path`; with none, as `learn review --list` says it)."""
    entry = run.asked[number - 1]
    title = entry.exercise.spec.title
    head = say.heading(number, len(run.asked), entry.exercise.id, entry.ask.question, title,
                       entry.item.step)
    if entry.question is not None:
        # the question's own first line ("Question 1 of 5 (numeric)") is the heading's
        body = render.question_text(number, len(run.asked), entry.question).split("\n", 1)[1]
        return f"{head}\n{body}"
    spec = entry.exercise.spec
    if path is None and not notebook:
        return f"{head}\n{say.listed_check(spec.function, spec.arguments)}"
    step = entry.exercise.id if notebook else None
    return f"{head}\n{say.write_again(spec.function, spec.arguments, path, step, entry.kept)}"


def check_blocks(entry: Asked, path: Path, verdict: Verdict) -> list[Block]:
    """A check item's verdict, as `learn check` shows it, less the replay and the next step."""
    result = CheckResult(entry.exercise, path, verdict, None, None)
    blocks = [b for b in verdict_blocks(result) if not isinstance(b, Replay | NextStep)]
    return [replace(b, text=say.right_headline(entry.exercise.id, b.count))
            if isinstance(b, Headline) and b.passed else b for b in blocks]


def after(run: ReviewRun, command: str = "learn") -> str:
    """The run's tally and when the next items are due."""
    waiting, moment = run.upcoming()
    lines = [say.summary(run.right, run.answered) if run.asked else None,
             say.next_due(waiting, moment, clock.now(), command)]
    if run.store_error:
        lines.append(f"Warning: answers NOT recorded: {run.store_error}")
    return "\n".join(line for line in lines if line)
