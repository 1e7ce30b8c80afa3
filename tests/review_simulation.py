"""A learner living through weeks of `learn review` in seconds, with LEARN_NOW for the clock:
on day 0 they write 2a − y at ex03 (the slip two_a_minus_y), read the diagnosis and pass; then
every morning they run every review item due and answer it (rightly, except on the days named).
Used by tests/test_review_schedule.py and docs/make_review.py (the timeline in docs/review.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from grader.clock import VARIABLE
from grader.course.spec import Course
from grader.database import review_store
from grader.grading.quiz import slip_answers
from grader.learner import review
from grader.learner.api import Session

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)  # a Monday morning, in the past
SLIP = "two_a_minus_y"
ITEM = f"ex03/{SLIP}"


def morning(day: int) -> datetime:
    return START + timedelta(days=day)


def at(day: int) -> None:
    os.environ[VARIABLE] = morning(day).isoformat()


@dataclass(frozen=True)
class Event:
    item: str
    kind: str  # 'entered' or 'reviewed'
    day: float  # days since START
    correct: bool | None
    rating: int
    due: float  # days since START


def day_of(stamp: str) -> float:
    return (datetime.fromisoformat(stamp) - START).total_seconds() / 86400


def slip_then_pass(home: Path) -> None:
    """Day 0: the slip at ex03, then the right answer."""
    at(0)
    ex03 = Course.load().resolve("ex03")
    session = Session(home=home)
    session.open_step(ex03)
    path = session.workspace.file_for(ex03)
    path.write_text(wrong_file(ex03), encoding="utf-8")
    assert session.check("ex03").verdict.diagnosis.name == SLIP
    path.write_text(ex03.solution_path.read_text(encoding="utf-8"), encoding="utf-8")
    assert session.check("ex03").verdict.passed
    session.close()


def wrong_file(exercise, slip: str = SLIP) -> str:
    """The step's file written with a slip, as `learn validate` writes it."""
    source = exercise.misconceptions_path.read_text(encoding="utf-8")
    return f"{source}\n\n{exercise.spec.function} = {slip}\n"


def answer(run: review.ReviewRun, number: int, right: bool) -> None:
    """Item `number` answered rightly, or with its slip (a step's: its first)."""
    entry = run.asked[number - 1]
    if entry.question is not None:
        slips = dict((name, text) for text, name in slip_answers(entry.question))
        text = entry.question.right_answer() if right else \
            slips.get(entry.item.slip, next(iter(slips.values())))
        assert run.answer(number, text).valid
        return
    path = run.review_file(number)
    exercise = entry.exercise
    slip = entry.item.slip or exercise.spec.misconceptions[0].name
    body = exercise.solution_path.read_text(encoding="utf-8") if right else \
        wrong_file(exercise, slip)
    path.write_text(body, encoding="utf-8")
    run.check(number)
    assert entry.answered


def live(home: Path, days: int, wrong_on: frozenset[int] = frozenset(),
         start=slip_then_pass) -> list[Event]:
    """`start` (the slip and pass of day 0), then `days` mornings of review, every item due
    answered (rightly, but with the slip on the days `wrong_on`); the review log."""
    start(home)
    for day in range(1, days + 1):
        at(day)
        session = Session(home=home)
        run = review.start(session)
        for number in range(1, len(run.asked) + 1):
            answer(run, number, right=day not in wrong_on)
        session.close()
    session = Session(home=home)
    log = review_store.timeline(session.connection, session.learner_id)
    session.close()
    return [Event(item, kind, day_of(when), None if correct is None else bool(correct), rating,
                  day_of(due)) for item, kind, when, correct, rating, due in log]


def timeline_text(events: list[Event], days: int) -> str:
    """Each item's life as a line of days: ✗ the slip (or a wrong answer), ○ the pass that
    brought a step in, ✓ a right answer, · nothing; then when it is due next."""
    ruler = "".join(f"{d:<10}" for d in range(0, days + 1, 10))
    lines = [f"{'day':<20}{ruler}".rstrip()]
    for item in dict.fromkeys(e.item for e in events):
        marks = ["·"] * (days + 1)
        mine = [e for e in events if e.item == item]
        for event in mine:
            if event.kind == "entered":
                marks[int(event.day)] = "✗" if event.rating == 1 else "○"
            else:
                marks[int(event.day)] = "✓" if event.correct else "✗"
        tail = f"  ▸ due day {mine[-1].due:.0f}" if mine[-1].due > days else ""
        lines.append(f"{item:<20}{''.join(marks)}{tail}")
    return "\n".join(lines)


def gaps(events: list[Event], item: str) -> str:
    """'reviewed on days 1, 3, 9, 26; gaps 1, 2, 6, 17 days'"""
    mine = [e for e in events if e.item == item]
    reviewed = ", ".join(f"{e.day:.0f}" for e in mine if e.kind == "reviewed")
    spaced = ", ".join(f"{b.day - a.day:.0f}" for a, b in pairwise(mine))
    return f"reviewed on days {reviewed}; gaps {spaced} days"
