"""The one clock of the learner's commands: the time now, or LEARN_NOW's.

LEARN_NOW (an ISO time such as 2025-03-01T09:00, local time unless it names its offset, like
the wall clock the learner reads) stands in for
the clock, so a test, or an instructor trying a schedule, can live through weeks of `learn
review` in seconds. Every stored time comes from here (grader.database.store.now), and so does
every "due now" and "in 3 days".

A review day runs from DAY_STARTS_AT to DAY_STARTS_AT local time, as Anki counts days: an item
due tomorrow at 09:30 is due all of tomorrow, for a learner who reviews each morning at 09:00.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

from grader.errors import LearnError

VARIABLE = "LEARN_NOW"
DAY_STARTS_AT = 4  # o'clock, local: a review after midnight still counts for the day before


def now() -> datetime:
    """The time now in UTC (timezone-aware): LEARN_NOW's if it is set."""
    text = os.environ.get(VARIABLE, "").strip()
    if not text:
        return datetime.now(UTC)
    return parse(text)


def parse(text: str) -> datetime:
    """An ISO time, read as local time when it names no offset; LearnError in one line
    otherwise."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise LearnError(f"{VARIABLE}={text!r} is not an ISO time such as "
                         "2025-03-01T09:00 (unset it to use the clock)") from None
    return moment.astimezone(UTC)  # a naive time is taken as local


def stamp(moment: datetime | None = None) -> str:
    """A stored time: UTC ISO to the millisecond, as every table holds it."""
    return (moment or now()).isoformat(timespec="milliseconds")


def review_day(moment: datetime) -> date:
    """The review day `moment` falls on: its local date, days starting at DAY_STARTS_AT."""
    return (moment.astimezone() - timedelta(hours=DAY_STARTS_AT)).date()


def end_of_review_day(moment: datetime) -> datetime:
    """When the review day of `moment` ends (UTC): what is due before then is due now."""
    local = moment.astimezone()
    end = local.replace(hour=DAY_STARTS_AT, minute=0, second=0, microsecond=0)
    return (end if end > local else end + timedelta(days=1)).astimezone(UTC)
