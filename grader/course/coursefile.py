"""course.toml: what an instructor decides about grading, read in one place.

    [points]        # points per step; with any listed, these are the graded steps
    ex01 = 5
    [deadlines]     # ISO times (UTC unless they say otherwise); later attempts do not count
    ex02 = "2026-12-01T23:59:00+01:00"
    [visibility]    # Gradescope's per-test visibility: visible, hidden, after_due_date,
    ex19 = "after_published"   # after_published (default: visible)

    [assignments.week1]        # a named set of steps, graded together
    steps = ["ex01", "ex02", "q01"]
    points = 10                # the assignment's total, shared by its steps ([points] weighs)
    due = "2026-12-10T23:59:00+01:00"
    late_penalty_per_day = 0.1 # share of a step's score lost per day (or part of one) late
    last = "2026-12-17T23:59:00+01:00"   # after this, nothing counts
    extensions = { ada = "2026-12-12T23:59:00+01:00" }   # her due date; her last moves as much
    canvas_id = 4711           # the Canvas assignment this one's column imports into

    [late_days]                # a bank of days each learner may spend on late work
    bank = 3                   # everyone's, across all assignments
    extra = { ada = 2 }        # more for some learners (added to the bank)

The graded steps are those [points] or an assignment names (none named: every step). Late
days are spent assignment by assignment in order of their due dates, as many as the
assignment's latest counted work needs, up to what is left; the penalty applies to the days
beyond them. They never move the last date.

Credit is computed from timestamps every time grades are exported, never stored: a regrade or
an extension granted later changes it at once.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from grader.errors import LearnError

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")


@dataclass(frozen=True)
class Assignment:
    name: str
    steps: tuple[str, ...]
    points: float | None = None
    due: str | None = None  # UTC ISO, as the store writes times
    late_penalty_per_day: float = 0.0
    last: str | None = None
    extensions: dict[str, str] = field(default_factory=dict)  # learner -> UTC ISO due
    canvas_id: str = ""  # the assignment's id in Canvas: its column is "name (canvas_id)"

    def due_for(self, learner: str) -> str | None:
        return self.extensions.get(learner, self.due)

    def last_for(self, learner: str) -> str | None:
        """The last date, moved by as much as the learner's extension moves the due date."""
        if self.last is None or learner not in self.extensions or self.due is None:
            return self.last
        shift = _moment(self.extensions[learner]) - _moment(self.due)
        return (_moment(self.last) + shift).isoformat(timespec="milliseconds")

    def credit(self, learner: str, when: str | None, score: float,
               late_days: int = 0) -> tuple[float, int]:
        """(the share of the step's points this work earns, days late): `late_days` of the
        learner's bank cover as many days before the penalty counts."""
        due = self.due_for(learner)
        if due is None or not when:
            return score, 0
        days = days_after(due, when)
        if days is None:  # a time that cannot be read (a hand-in is the learner's file)
            return 0.0, 0
        if days == 0:
            return score, 0
        if self.after_last(learner, when):
            return 0.0, days
        charged = max(0, days - late_days)
        return score * max(0.0, 1.0 - self.late_penalty_per_day * charged), days

    def after_last(self, learner: str, when: str | None) -> bool:
        """Work done after the (learner's) last date: it earns nothing."""
        last = self.last_for(learner)
        return last is not None and bool(when) and days_after(last, when) != 0


@dataclass(frozen=True)
class CourseFile:
    points: dict[str, float] = field(default_factory=dict)
    deadlines: dict[str, str] = field(default_factory=dict)  # step -> UTC ISO time
    visibility: dict[str, str] = field(default_factory=dict)
    assignments: dict[str, Assignment] = field(default_factory=dict)
    late_day_bank: int = 0
    extra_late_days: dict[str, int] = field(default_factory=dict)  # learner -> days added

    def late_days_for(self, learner: str) -> int:
        return self.late_day_bank + self.extra_late_days.get(learner, 0)

    def by_due_date(self) -> list[Assignment]:
        """The assignments in the order late days are spent: by due date, undated last."""
        return sorted(self.assignments.values(), key=lambda a: (a.due is None, a.due or ""))

    def assignment_of(self, step: str) -> Assignment | None:
        return next((a for a in self.assignments.values() if step in a.steps), None)

    def assignment(self, name: str) -> Assignment:
        if name not in self.assignments:
            known = ", ".join(self.assignments) or "none in the course file"
            raise LearnError(f"no assignment called '{name}' ({known})")
        return self.assignments[name]

    def worth(self, step: str) -> float:
        """A step's points: its assignment's total shared by its steps (weighed by [points]
        where given), else [points], else 1."""
        assignment = self.assignment_of(step)
        if assignment is not None and assignment.points is not None:
            weights = {s: self.points.get(s, 1.0) for s in assignment.steps}
            return assignment.points * weights[step] / (sum(weights.values()) or 1.0)
        return self.points.get(step, 1.0)

    def credit(self, step: str, learner: str, when: str | None, score: float,
               late_days: int = 0) -> tuple[float, int]:
        """(the share of the step's points work done at `when` earns, days late): the
        assignment's late rule (with `late_days` of the bank spent), else the step's deadline
        (late work earns nothing)."""
        assignment = self.assignment_of(step)
        if assignment is not None:
            return assignment.credit(learner, when, score, late_days)
        deadline = self.deadlines.get(step)
        days = days_after(deadline, when) if deadline and when else 0
        return (score, 0) if days == 0 else (0.0, days or 0)

    def graded_steps(self, course) -> list:
        """The steps this course grades, in the course's order: those [points] or an
        assignment names, else every step. Every export, total and maximum counts these."""
        named = set(self.points).union(*(a.steps for a in self.assignments.values()))
        return [e for e in course if e.id in named] if named else list(course)

    def after_last(self, step: str, learner: str, when: str | None) -> bool:
        """Work on the step after its last date (an assignment's `last`, or a step's deadline)."""
        assignment = self.assignment_of(step)
        if assignment is not None:
            return assignment.after_last(learner, when)
        deadline = self.deadlines.get(step)
        return bool(deadline and when) and days_after(deadline, when) != 0

    def is_late(self, step: str, when: str | None, learner: str = "") -> bool:
        return self.credit(step, learner, when, 1.0)[1] > 0

    def visibility_of(self, step: str) -> str:
        return self.visibility.get(step, "visible")


def load(path: Path | None) -> CourseFile:
    """The course file at `path` (none: every step worth 1, no deadlines); one-line errors."""
    if path is None:
        return CourseFile()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LearnError(f"{path}: cannot read the course file ({exc})") from None
    try:
        points = {str(k): float(v) for k, v in data.get("points", {}).items()}
    except (TypeError, ValueError, AttributeError):
        raise LearnError(f"{path}: [points] must map steps to numbers") from None
    deadlines = {}
    for step, text in dict(data.get("deadlines", {})).items():
        try:
            deadlines[str(step)] = utc(str(text))
        except ValueError:
            raise LearnError(f"{path}: [deadlines] {step} = {text!r} is not an ISO time such as "
                             "2026-12-01T23:59:00") from None
    visibility = {str(k): str(v) for k, v in dict(data.get("visibility", {})).items()}
    for step, value in visibility.items():
        if value not in VISIBILITIES:
            raise LearnError(f"{path}: [visibility] {step} = {value!r}: one of "
                             f"{', '.join(VISIBILITIES)}")
    assignments = {}
    for name, table in dict(data.get("assignments", {})).items():
        assignments[str(name)] = _assignment(path, str(name), table)
    bank, extra = _late_days(path, data.get("late_days", {}))
    return CourseFile(points, deadlines, visibility, assignments, bank, extra)


def _late_days(path: Path, table) -> tuple[int, dict[str, int]]:
    where = f"{path}: [late_days]"
    if not isinstance(table, dict) or set(table) - {"bank", "extra"}:
        raise LearnError(f"{where} takes bank = 3 and extra = {{ ada = 2 }}")
    try:
        bank = table.get("bank", 0)
        extra = dict(table.get("extra", {}))
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0
                   for v in (bank, *extra.values())):
            raise ValueError
    except (TypeError, ValueError):
        raise LearnError(f"{where}: late days are whole numbers of days, 0 or more") from None
    return bank, {str(k): v for k, v in extra.items()}


def _assignment(path: Path, name: str, table) -> Assignment:
    where = f"{path}: [assignments.{name}]"
    if not isinstance(table, dict) or not isinstance(table.get("steps"), list):
        raise LearnError(f"{where} needs steps = [\"ex01\", ...]")
    unknown = set(table) - {"steps", "points", "due", "late_penalty_per_day", "last",
                            "extensions", "canvas_id"}
    if unknown:
        raise LearnError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    try:
        penalty = float(table.get("late_penalty_per_day", 0.0))
        points = float(table["points"]) if "points" in table else None
        due = utc(str(table["due"])) if "due" in table else None
        last = utc(str(table["last"])) if "last" in table else None
        extensions = {str(k): utc(str(v)) for k, v in dict(table.get("extensions", {})).items()}
    except (TypeError, ValueError):
        raise LearnError(f"{where}: points and late_penalty_per_day are numbers; due, last and "
                         "extensions are ISO times such as 2026-12-10T23:59:00") from None
    if not 0 <= penalty <= 1:
        raise LearnError(f"{where}: late_penalty_per_day is a share from 0 to 1")
    canvas_id = str(table.get("canvas_id", ""))
    if canvas_id and not canvas_id.isdigit():
        raise LearnError(f"{where}: canvas_id is the number in the assignment's Canvas address "
                         "(…/assignments/4711)")
    return Assignment(name, tuple(str(s) for s in table["steps"]), points, due, penalty, last,
                      extensions, canvas_id)


def days_after(due: str, when: str) -> int | None:
    """Whole days (or parts of one) `when` is after `due`: 0 on time, None if `when` is not a
    time."""
    try:
        seconds = (_moment(when) - _moment(due)).total_seconds()
    except (TypeError, ValueError):
        return None
    return max(0, math.ceil(seconds / 86400))


def utc(text: str) -> str:
    """An ISO time as the store writes them (UTC, milliseconds), so strings compare as times."""
    return _moment(text).isoformat(timespec="milliseconds")


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)  # also TOML's bare datetimes, after str()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
