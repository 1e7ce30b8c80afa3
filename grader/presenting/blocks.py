"""A check's verdict as blocks, built once from a CheckResult: the headline; for a fail, why
(the traceback, the problem, the first wrong layer, the slip, the failing case, its picture)
and how to replay it; what the code printed; notes; after a pass, what comes next; and a
warning when the attempt was not recorded. Every front end shows the same blocks in this order,
so the terminal, the notebook and `--json` cannot tell different stories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from grader.course.spec import Exercise
from grader.grading.verdict import FailingCase, Verdict
from grader.wording import headings

if TYPE_CHECKING:  # annotations only: the learner's API uses this package, not the other way round
    from grader.learner.api import CheckResult

MAX_PRINTED_LINES = 12


@dataclass(frozen=True)
class Headline:
    passed: bool
    text: str  # "✓ ex01 passed: 6 of 6 cases right. Well done!"
    count: str  # "2 of 6 cases right"
    seed: int
    reason: str  # why it failed, in one line ("" for a pass)


@dataclass(frozen=True)
class Traceback:
    text: str


@dataclass(frozen=True)
class Problem:  # the error, when some cases passed before it (else the headline says it)
    text: str


@dataclass(frozen=True)
class Where:  # a per-layer step's first wrong layer
    text: str


@dataclass(frozen=True)
class Slip:
    name: str
    message: str


@dataclass(frozen=True)
class Case:
    heading: str  # "" for a scored step's case: its problem says it all
    problem: str
    rows: tuple[tuple[str, str], ...] = ()  # (label, value): inputs, expected, got


@dataclass(frozen=True)
class Picture:
    picture: dict  # drawn by grader.pictures


@dataclass(frozen=True)
class Replay:
    path: str
    step: str
    seed: int
    hinted: bool  # the step has hints to ask for


@dataclass(frozen=True)
class Printed:
    lines: tuple[str, ...]
    more: int  # lines left out


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class NextStep:
    step: str | None  # None: that was the last step left to pass
    title: str = ""


@dataclass(frozen=True)
class NotRecorded:
    why: str


Block = (Headline | Traceback | Problem | Where | Slip | Case | Picture | Replay | Printed | Note
         | NextStep | NotRecorded)


def verdict_blocks(result: CheckResult, next_step: Exercise | None = None) -> list[Block]:
    """The verdict's blocks, in the order every front end shows them. `next_step`: after a
    recorded pass, the step to go on to; None when every step is passed."""
    verdict, exercise = result.verdict, result.exercise
    blocks: list[Block] = [headline(exercise.id, verdict)]
    if verdict.passed and result.attempt_id is not None:
        blocks.append(NextStep(next_step.id, next_step.spec.title) if next_step else NextStep(None))
    if not verdict.passed:
        blocks += why_it_failed(verdict)
        blocks.append(Replay(str(result.path), exercise.id, verdict.seed,
                             bool(exercise.spec.hints)))
    printed = verdict.learner_output.rstrip().splitlines()
    if verdict.learner_output.strip():
        blocks.append(Printed(tuple(printed[:MAX_PRINTED_LINES]),
                              max(len(printed) - MAX_PRINTED_LINES, 0)))
    blocks += [Note(note) for note in verdict.notes]
    if result.store_error:
        blocks.append(NotRecorded(result.store_error))
    return blocks


def headline(step: str, verdict: Verdict) -> Headline:
    right, total = verdict.cases_passed, verdict.cases_total
    count = headings.cases_right(right, total)
    if verdict.passed:
        text = headings.passed(step, right, total)
    elif verdict.error and not right:  # nothing right: the error is the news
        text = headings.failed(step, verdict.error.message)
    else:
        text = headings.failed(step, count if total else headings.NOT_GRADED)
    return Headline(verdict.passed, text, count, verdict.seed, verdict.reason)


def why_it_failed(verdict: Verdict) -> list[Block]:
    error, case = verdict.error, verdict.failing_case
    blocks: list[Block] = []
    if error and error.details:
        blocks.append(Traceback(error.details.rstrip()))
    if error and verdict.cases_passed:
        blocks.append(Problem(error.message))
    if verdict.location:
        blocks.append(Where(verdict.location))
    if verdict.diagnosis:
        blocks.append(Slip(verdict.diagnosis.name, verdict.diagnosis.message))
    if case is not None and case.kind == "score":
        blocks.append(Case("", case.problem))
    elif case is not None and case.kind != "no_answer":  # no answer: the error says why
        blocks.append(Case(headings.failing_case(case.index + 1, case.shrunk), case.problem,
                           case_rows(case)))
    if case is not None and case.picture:
        blocks.append(Picture(case.picture))
    return blocks


def case_rows(case: FailingCase) -> tuple[tuple[str, str], ...]:
    rows = [(f"{name} =", value) for name, value in case.inputs.items()]
    if case.kind != "mutation":  # a changed input: the values are beside the point
        rows += [(headings.EXPECTED, case.expected), (headings.GOT, case.got)]
    if case.error_map:
        rows.append((headings.ERROR_MAP, case.error_map))
    return tuple(rows)
