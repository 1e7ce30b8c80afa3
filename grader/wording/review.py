"""What `learn review` (and `%learn review`) says: how many items are due, each item's heading
and what to do, and when the next ones come back. A notebook writes its commands as magics
(`command` is "learn" or "%learn")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

NOTHING_YET = ("Nothing to review yet: each slip you make, and each step you passed two weeks "
               "ago, comes back here on a spacing that grows as you get it right.")


def due_line(count: int, command: str = "learn") -> str | None:
    """`learn next` and `learn list`: '3 review items due: ...', or None when none is."""
    if not count:
        return None
    items = f"{count} review item{'s' * (count != 1)}"
    return f"{items} due: `{command} review` brings back what you slipped on (a few minutes)."


def when(moment: datetime, now: datetime) -> str:
    """'now', 'in 5 hours', 'tomorrow (Tue 07 Jan)', 'in 3 days (Thu 09 Jan)'."""
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 20 * 3600:
        hours = max(1, round(seconds / 3600))
        return f"in {hours} hour{'s' * (hours != 1)}"
    days = max(1, round(seconds / 86400))
    date = moment.astimezone().strftime("%a %d %b")
    return f"tomorrow ({date})" if days == 1 else f"in {days} days ({date})"


def heading(number: int, total: int, step: str, title: str) -> str:
    """An item's first line: which review, and the step it is about (never the slip: that is
    what the question asks)."""
    return f"Review {number} of {total} · about {step} · {title}"


def write_again(function: str, arguments: list[str], path: Path | None,
                notebook_step: str | None = None) -> str:
    """A check item: the function to write again, from memory, and where."""
    signature = f"{function}({', '.join(arguments)})"
    if notebook_step is not None:
        return (f"Write {signature} again, from memory, in a cell whose first line is "
                f"%%learn review {notebook_step}, then run the cell: it is checked on fresh "
                f"cases (saved as {path}).")
    return (f"Write {signature} again, from memory, in\n  {path}\n(the starter is there), "
            "save it, then press Enter to check it on fresh cases.")


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
