"""What `learn review` (and `%learn review`) says: how many items are due, each item's heading
and what to do, and when the next ones come back. A notebook writes its commands as magics
(`command` is "learn" or "%learn")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from grader import clock

NOTHING_YET = ("Nothing to review yet: each slip you make, and each step you passed two weeks "
               "ago, comes back here on a spacing that grows as you get it right.")


def due_line(count: int, command: str = "learn") -> str | None:
    """`learn next` and `learn list`: '3 review items due: ...', or None when none is."""
    if not count:
        return None
    items = f"{count} review item{'s' * (count != 1)}"
    return (f"{items} due: `{command} review` brings back your slips and the steps you passed a "
            "while ago (a few minutes).")


def when(moment: datetime, now: datetime) -> str:
    """'now', 'tomorrow (Tue 07 Jan)', 'in 3 days (Thu 09 Jan)': review days (grader.clock), an
    item being due all of the day it falls on."""
    day = clock.review_day(moment)
    days = (day - now.astimezone().date()).days  # counted from today's date on the calendar
    if moment <= now or days < 0:
        return "now"
    date = day.strftime("%a %d %b")
    if days == 0:  # after midnight, before the review day begins
        return f"today from {clock.DAY_STARTS_AT:02d}:00 ({date})"
    return f"tomorrow ({date})" if days == 1 else f"in {days} days ({date})"


def heading(number: int, total: int, asked: str, question: int | None, title: str,
            origin: str) -> str:
    """An item's first line: which review, where the item comes from when another step asks it,
    and what asks it (never the slip: that is what the question asks)."""
    source = f" · from your work at {origin}" if origin != asked else ""
    what = f"{asked}, question {question}" if question else asked
    return f"Review {number} of {total}{source} · {what} · {title}"


def write_again(function: str, arguments: list[str], path: Path | None,
                notebook_step: str | None = None, started: bool = False) -> str:
    """A check item: the function to write again, from memory, and where."""
    signature = f"{function}({', '.join(arguments)})"
    if notebook_step is not None:
        return (f"Write {signature} again, from memory, in a cell whose first line is "
                f"%%learn review {notebook_step}, then run the cell: it is checked on fresh "
                f"cases (saved as {path}).")
    there = "your work so far is there" if started else "the starter is there"
    return (f"Write {signature} again, from memory, in\n  {path}\n({there}), "
            "save it, then press Enter to check it on fresh cases.")


def listed_check(function: str, arguments: list[str]) -> str:
    """A check item in `learn review --list`: what will be asked."""
    return (f"Write {function}({', '.join(arguments)}) again, from memory: `learn review` puts "
            "its starter in the review folder and checks it on fresh cases.")


RENUMBERED = ("(The items still due are numbered from 1 again: `learn review --list` shows "
              "them as the next `--answer` counts them.)")


def right_headline(step: str, count: str) -> str:
    """A review check's first line when right (a review passes no step)."""
    return f"✓ Review of {step}: {count}."


REVIEW_FILE_NOTE = ("Review of {step}: write the function again from memory, save, then press "
                    "Enter in `learn review` (`learn check` grades your step's own file, not this "
                    "one).")


CHECK_KEYS = "Enter: check it · ?: a hint · s: skip"
ANSWER_KEYS = "(? for a hint; an empty line skips)"
NO_HINT = "No hint for this one: the explanation comes with your answer."


def hint(text: str) -> str:
    return f"Hint: {text} (a right answer after a hint counts a little less)"


def summary(right: int, answered: int) -> str:
    return f"Review: {right} of {answered} right." if answered else "Review: nothing answered."


def next_due(waiting: int, moment: datetime | None, now: datetime,
             command: str = "learn") -> str:
    """What comes after a run (or instead of one, with nothing due)."""
    if waiting:
        return (f"{waiting} item{'s' * (waiting != 1)} still due: `{command} review` when you "
                "have a few minutes.")
    if moment is None:
        return NOTHING_YET
    return f"Next review: {when(moment, now)}."
