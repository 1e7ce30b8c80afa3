"""course.toml: what an instructor decides about grading, read in one place.

    [points]        # points per step; with any listed, these are the graded steps
    ex01 = 5
    [deadlines]     # ISO times (UTC unless they say otherwise); later attempts do not count
    ex02 = "2026-12-01T23:59:00+01:00"
    [visibility]    # Gradescope's per-test visibility: visible, hidden, after_due_date,
    ex19 = "after_published"   # after_published (default: visible)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from grader.errors import LearnError

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")


@dataclass(frozen=True)
class CourseFile:
    points: dict[str, float] = field(default_factory=dict)
    deadlines: dict[str, str] = field(default_factory=dict)  # step -> UTC ISO time
    visibility: dict[str, str] = field(default_factory=dict)

    def worth(self, step: str) -> float:
        return self.points.get(step, 1.0)

    def graded_steps(self, course) -> list:
        """The steps this course grades: those given points, else every step."""
        if self.points:
            return [e for e in course if e.id in self.points]
        return list(course)

    def is_late(self, step: str, created_at: str | None) -> bool:
        deadline = self.deadlines.get(step)
        return bool(deadline and created_at and created_at > deadline)

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
    return CourseFile(points, deadlines, visibility)


def utc(text: str) -> str:
    """An ISO time as the store writes them (UTC, milliseconds), so strings compare as times."""
    moment = datetime.fromisoformat(text)  # also TOML's bare datetimes, after str()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")
