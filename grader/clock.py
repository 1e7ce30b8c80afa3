"""The one clock of the learner's commands: the time now, or LEARN_NOW's.

LEARN_NOW (an ISO time such as 2025-03-01T09:00, UTC unless it names its offset) stands in for
the clock, so a test, or an instructor trying a schedule, can live through weeks of `learn
review` in seconds. Every stored time comes from here (grader.database.store.now), and so does
every "due now" and "in 3 days".
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from grader.errors import LearnError

VARIABLE = "LEARN_NOW"


def now() -> datetime:
    """The time now in UTC (timezone-aware): LEARN_NOW's if it is set."""
    text = os.environ.get(VARIABLE, "").strip()
    if not text:
        return datetime.now(UTC)
    return parse(text)


def parse(text: str) -> datetime:
    """An ISO time, read as UTC when it names no offset; LearnError in one line otherwise."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise LearnError(f"{VARIABLE}={text!r} is not an ISO time such as "
                         "2025-03-01T09:00 (unset it to use the clock)") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def stamp(moment: datetime | None = None) -> str:
    """A stored time: UTC ISO to the millisecond, as every table holds it."""
    return (moment or now()).isoformat(timespec="milliseconds")
