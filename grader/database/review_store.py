"""The review tables (m012_review): what a learner's history offers to review, each item's card
(review_cards) and what happened to it (review_log), written in one transaction with the
answer's attempt (origin 'review', which rollups, exports and hand-ins leave out: a review is
practice, never a grade).
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, field

from grader.database import rollups, store

ORIGIN = "review"  # attempts.origin of a review's answers; not one of rollups.LEARNER_ORIGINS
assert ORIGIN not in rollups.LEARNER_ORIGINS


@dataclass
class History:
    """What the learner did that review draws on; every time is UTC ISO."""

    code_slips: list[tuple[str, str, str]] = field(default_factory=list)  # step, slip, latest
    quiz_slips: list[tuple[str, str, str, tuple[int, ...]]] = field(default_factory=list)
    missed: list[tuple[str, int, str]] = field(default_factory=list)  # quiz, question, latest
    passes: dict[str, str] = field(default_factory=dict)  # step: its first pass


def history(conn: sqlite3.Connection, learner: str) -> History:
    """The learner's named slips and missed questions (each with when it was last made: the
    same slip made again brings its item back), and first passes, from their own work."""
    found = History()
    found.code_slips = conn.execute(
        "SELECT exercise_id, diagnosis, max(created_at) FROM attempts WHERE learner_id = ? "
        f"AND {rollups.by_learner()} AND passed = 0 AND diagnosis IS NOT NULL "
        "GROUP BY exercise_id, diagnosis ORDER BY 3", (learner,)).fetchall()
    answers = ("FROM quiz_answers q JOIN attempts a ON a.id = q.attempt_id WHERE q.learner_id = ? "
               f"AND {rollups.by_learner('a.origin')} AND q.valid = 1 AND q.correct = 0")
    found.quiz_slips = [
        (quiz, slip, first, tuple(sorted(int(n) for n in numbers.split(","))))
        for quiz, slip, first, numbers in conn.execute(
            f"SELECT q.quiz_id, q.misconception, max(q.created_at), "
            f"group_concat(DISTINCT q.question_number) {answers} "
            "AND q.misconception IS NOT NULL GROUP BY q.quiz_id, q.misconception ORDER BY 3",
            (learner,))]
    found.missed = conn.execute(  # missed, and never with a named slip (that is a slip item)
        f"SELECT q.quiz_id, q.question_number, max(q.created_at) {answers} "
        "GROUP BY q.quiz_id, q.question_number HAVING count(q.misconception) = 0 ORDER BY 3",
        (learner,)).fetchall()
    found.passes = dict(conn.execute(
        "SELECT exercise_id, first_pass_at FROM learner_step WHERE learner_id = ? "
        "AND first_pass_at IS NOT NULL", (learner,)))
    return found


@dataclass(frozen=True)
class CardRow:
    item: str
    step: str
    slip: str | None
    card: str  # grader.learner.spacing's JSON
    due: str
    reviews: int = 0
    lapses: int = 0


def cards(conn: sqlite3.Connection, learner: str) -> dict[str, CardRow]:
    return {row[0]: CardRow(*row) for row in conn.execute(
        "SELECT item, step, slip, card, due, reviews, lapses FROM review_cards "
        "WHERE learner_id = ?", (learner,))}


def due_count(conn: sqlite3.Connection, learner: str, due_before: str) -> int:
    return conn.execute("SELECT count(*) FROM review_cards WHERE learner_id = ? AND due < ?",
                        (learner, due_before)).fetchone()[0]


@dataclass(frozen=True)
class LogRow:
    """One row of review_log: 'entered' (what brought the item, when, the first rating) or
    'reviewed' (what was asked and answered, and the rating)."""

    event: str
    happened_at: str
    rating: int
    due: str  # when the item is due after this
    asked: str | None = None
    answer: str | None = None
    correct: bool | None = None
    misconception: str | None = None
    hinted: bool | None = None


def enter(conn: sqlite3.Connection, learner: str, new: list[tuple[CardRow, LogRow]]) -> int:
    """Cards for items not in review yet, each with its 'entered' row; returns how many were
    new (another process may have entered some meanwhile: those are left as they are)."""
    added = 0
    with store.transaction(conn):
        for card, log in new:
            inserted = conn.execute(
                "INSERT OR IGNORE INTO review_cards (learner_id, item, step, slip, card, due) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (learner, card.item, card.step, card.slip, card.card, card.due)).rowcount
            if inserted:
                _log(conn, learner, card, log, None)
                added += 1
    return added


def record_review(conn: sqlite3.Connection, learner: str, card: CardRow, log: LogRow,
                  attempt: store.AttemptRecord) -> str:
    """A review's answer: its attempt (origin 'review'), its log row and the card's new state,
    together. Returns the attempt's id."""
    assert attempt.origin == ORIGIN
    with store.transaction(conn):
        attempt_id = store.insert_attempt(conn, attempt)
        conn.execute("UPDATE review_cards SET card = ?, due = ?, reviews = reviews + 1, "
                     "lapses = lapses + ? WHERE learner_id = ? AND item = ?",
                     (card.card, card.due, int(not log.correct), learner, card.item))
        _log(conn, learner, card, log, attempt_id)
    return attempt_id


def relapse(conn: sqlite3.Connection, learner: str, card: CardRow, log: LogRow) -> None:
    """The same slip made again outside review: the card rated Again then, with its log row."""
    with store.transaction(conn):
        conn.execute("UPDATE review_cards SET card = ?, due = ?, lapses = lapses + 1 "
                     "WHERE learner_id = ? AND item = ?", (card.card, card.due, learner, card.item))
        _log(conn, learner, card, log, None)


def _log(conn: sqlite3.Connection, learner: str, card: CardRow, log: LogRow,
         attempt_id: str | None) -> None:
    conn.execute(
        "INSERT INTO review_log (id, learner_id, item, step, slip, event, happened_at, asked, "
        "attempt_id, answer, correct, misconception, hinted, rating, due) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid.uuid4().hex, learner, card.item, card.step, card.slip, log.event, log.happened_at,
         log.asked, attempt_id, log.answer, _flag(log.correct), log.misconception,
         _flag(log.hinted), log.rating, log.due))


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)

def timeline(conn: sqlite3.Connection, learner: str) -> list[tuple]:
    """(item, event, happened_at, correct, rating, due) in order: a learner's schedule."""
    return conn.execute("SELECT item, event, happened_at, correct, rating, due FROM review_log "
                        "WHERE learner_id = ? ORDER BY happened_at, event", (learner,)).fetchall()
