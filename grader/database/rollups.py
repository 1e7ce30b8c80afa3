"""Rollup tables and the instructor views over them.

Plain aggregate views over a million attempts take 0.1–1.3 s in SQLite even with indexes, so the
numbers the views show are kept in small tables updated in the same transaction that records an
attempt or an answer (`roll_up_attempt`, `roll_up_answer`). `recompute` rebuilds them from the
raw rows: after a merge, and in the tests that check the two always agree.

Only the learners' own finished attempts count here (LEARNER_ORIGINS); a regrade's verified
results live in `verified` and the views show them beside the self-reported ones.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

# The learner's own attempts: from `learn check` (local) or a `%%learn` cell (notebook). The
# instructor's regrade writes origin 'regrade'.
LEARNER_ORIGINS = ("local", "notebook")


def by_learner(column: str = "origin") -> str:
    """SQL: the row is one of the learner's own attempts."""
    return f"{column} IN ({', '.join(repr(o) for o in LEARNER_ORIGINS)})"


STUCK_AFTER = 3  # failed attempts without a pass (the stuck_learners view says 3 as well)

ROLLUP_TABLES = ("learner_step", "learner_rollup", "step_rollup", "pass_histogram",
                 "step_diagnosis", "daily", "learner_day", "question_rollup",
                 "wrong_answer_rollup", "case_failure_rollup")


def _seconds(start: str | None, end: str) -> float:
    if not start:
        return 0.0
    return max(0.0, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())


def roll_up_attempt(conn: sqlite3.Connection, learner: str, exercise_id: str, passed: bool,
                    score: float, diagnosis: str | None, created_at: str,
                    duration_ms: int | None = 0, case_parameters: str | None = None) -> None:
    """Call inside the transaction that records the attempt. The time to a pass runs from the
    step's first opening to the end of the passing attempt (a quiz run takes minutes)."""
    row = conn.execute(
        "SELECT failed_attempts, first_pass_at, first_opened_at FROM learner_step "
        "WHERE learner_id = ? AND exercise_id = ?", (learner, exercise_id)).fetchone()
    conn.execute("INSERT OR IGNORE INTO step_rollup (exercise_id) VALUES (?)", (exercise_id,))
    conn.execute("INSERT OR IGNORE INTO learner_rollup (learner_id) VALUES (?)", (learner,))
    conn.execute("UPDATE learner_rollup SET attempts = attempts + 1, steps_attempted = "
                 "steps_attempted + ?, last_activity = max(coalesce(last_activity, ''), ?) "
                 "WHERE learner_id = ?", (int(row is None), created_at, learner))
    if row is None:
        failed, first_pass_at = 0, None
        opened_at = _start_step(conn, learner, exercise_id, created_at)
    else:
        failed, first_pass_at, opened_at = row
    conn.execute(
        "UPDATE learner_step SET attempts = attempts + 1, failed_attempts = failed_attempts + ?, "
        "best_score = max(best_score, ?), last_attempt_at = max(coalesce(last_attempt_at, ''), ?)"
        " WHERE learner_id = ? AND exercise_id = ?",
        (int(not passed), score, created_at, learner, exercise_id))
    conn.execute("UPDATE step_rollup SET attempts = attempts + 1, "
                 "failed_attempts = failed_attempts + ? WHERE exercise_id = ?",
                 (int(not passed), exercise_id))
    if passed and first_pass_at is None:
        seconds = _seconds(opened_at, created_at) + (duration_ms or 0) / 1000
        _first_pass(conn, learner, exercise_id, created_at, seconds,
                    was_stuck=failed >= STUCK_AFTER)
    if not passed:
        _failure(conn, learner, exercise_id, diagnosis, case_parameters,
                 now_stuck=first_pass_at is None and failed + 1 == STUCK_AFTER)
    _count_day(conn, learner, created_at[:10], passed)


def _start_step(conn: sqlite3.Connection, learner: str, exercise_id: str,
                created_at: str) -> str:
    """The learner's first attempt at the step: a learner_step row, one more learner on the
    step. Returns when the step was first opened (no later than this attempt)."""
    opened = conn.execute("SELECT opened_at FROM openings WHERE learner_id = ? AND "
                          "exercise_id = ?", (learner, exercise_id)).fetchone()
    opened_at = min(opened[0], created_at) if opened else created_at
    conn.execute("INSERT INTO learner_step (learner_id, exercise_id, first_opened_at, "
                 "first_attempt_at) VALUES (?, ?, ?, ?)",
                 (learner, exercise_id, opened_at, created_at))
    conn.execute("UPDATE step_rollup SET learners = learners + 1 WHERE exercise_id = ?",
                 (exercise_id,))
    return opened_at


def _first_pass(conn: sqlite3.Connection, learner: str, exercise_id: str, created_at: str,
                seconds: float, was_stuck: bool) -> None:
    """The learner's first pass of the step, after however many attempts (this one counted)."""
    tries = conn.execute("SELECT attempts FROM learner_step WHERE learner_id = ? AND "
                         "exercise_id = ?", (learner, exercise_id)).fetchone()[0]
    conn.execute("UPDATE learner_step SET first_pass_at = ?, attempts_to_first_pass = ? "
                 "WHERE learner_id = ? AND exercise_id = ?",
                 (created_at, tries, learner, exercise_id))
    conn.execute(
        "UPDATE step_rollup SET learners_passed = learners_passed + 1, "
        "learners_stuck = learners_stuck - ?, seconds_to_pass_total = "
        "seconds_to_pass_total + ? WHERE exercise_id = ?",
        (int(was_stuck), seconds, exercise_id))
    conn.execute("INSERT INTO pass_histogram VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET "
                 "learners = learners + 1", (exercise_id, tries))
    conn.execute("UPDATE learner_rollup SET steps_passed = steps_passed + 1 "
                 "WHERE learner_id = ?", (learner,))


def _failure(conn: sqlite3.Connection, learner: str, exercise_id: str, diagnosis: str | None,
             case_parameters: str | None, now_stuck: bool) -> None:
    """A failed attempt: maybe the one that makes the learner stuck, its diagnosis, its case."""
    if now_stuck:
        conn.execute("UPDATE step_rollup SET learners_stuck = learners_stuck + 1 "
                     "WHERE exercise_id = ?", (exercise_id,))
    if diagnosis:
        conn.execute("INSERT INTO step_diagnosis VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET "
                     "attempts = attempts + 1", (exercise_id, diagnosis))
    _roll_up_case(conn, exercise_id, case_parameters)
    conn.execute("UPDATE learner_step SET last_diagnosis = ? WHERE learner_id = ? AND "
                 "exercise_id = ?", (diagnosis, learner, exercise_id))


def _count_day(conn: sqlite3.Connection, learner: str, day: str, passed: bool) -> None:
    """The day's attempts, passes and learners (each learner once a day)."""
    new_learner_day = conn.execute("INSERT OR IGNORE INTO learner_day VALUES (?, ?)",
                                   (day, learner)).rowcount
    conn.execute("INSERT INTO daily VALUES (?, 1, ?, ?) ON CONFLICT DO UPDATE SET "
                 "attempts = attempts + 1, passes = passes + excluded.passes, "
                 "learners = learners + excluded.learners",
                 (day, int(passed), new_learner_day))


def _roll_up_case(conn: sqlite3.Connection, exercise_id: str, parameters: str | None) -> None:
    """A failed attempt's first failing case, by parameter (JSON {name: value} as stored)."""
    try:
        found = json.loads(parameters) if parameters else None
    except ValueError:
        found = None
    if not isinstance(found, dict) or not found:
        return
    conn.execute("UPDATE step_rollup SET failed_cases = failed_cases + 1 WHERE exercise_id = ?",
                 (exercise_id,))
    for name, value in found.items():
        conn.execute("INSERT INTO case_failure_rollup VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE "
                     "SET failures = failures + 1", (exercise_id, str(name)[:40],
                                                     str(value)[:80]))


def roll_up_hint(conn: sqlite3.Connection, learner: str) -> None:
    conn.execute("INSERT INTO learner_rollup (learner_id, hints_used) VALUES (?, 1) "
                 "ON CONFLICT DO UPDATE SET hints_used = hints_used + 1", (learner,))


def roll_up_verified(conn: sqlite3.Connection, learner: str) -> None:
    """After a regrade wrote `verified` rows for this learner."""
    conn.execute("INSERT OR IGNORE INTO learner_rollup (learner_id) VALUES (?)", (learner,))
    conn.execute("UPDATE learner_rollup SET steps_verified = (SELECT count(*) FROM verified "
                 "WHERE learner_id = ? AND passed) WHERE learner_id = ?", (learner, learner))


def roll_up_answer(conn: sqlite3.Connection, quiz_id: str, number: int, correct: bool,
                   wrong_answer: str | None) -> None:
    conn.execute("INSERT INTO question_rollup VALUES (?, ?, 1, ?) ON CONFLICT DO UPDATE SET "
                 "answered = answered + 1, correct = correct + excluded.correct",
                 (quiz_id, number, int(correct)))
    if not correct and wrong_answer:
        conn.execute("INSERT INTO wrong_answer_rollup VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE "
                     "SET answers = answers + 1", (quiz_id, number, wrong_answer))


def counted_attempts(conn: sqlite3.Connection):
    """The attempts the rollups count, in the order they happened."""
    return conn.execute(
        "SELECT learner_id, exercise_id, passed, score, diagnosis, created_at, duration_ms, "
        "CASE WHEN json_valid(failing_case) THEN json_extract(failing_case, '$.parameters') "
        "END FROM attempts "
        f"WHERE {by_learner()} AND error_kind IS NOT 'unfinished' ORDER BY created_at, id")


def recompute(conn: sqlite3.Connection) -> None:
    """Rebuild every rollup from the raw rows (inside the caller's transaction)."""
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    for table in ROLLUP_TABLES:  # an earlier migration recomputes before later tables exist
        if table in present:
            conn.execute(f"DELETE FROM {table}")
    for row in counted_attempts(conn).fetchall():
        roll_up_attempt(conn, *row)
    for (learner,) in conn.execute("SELECT learner_id FROM hints ORDER BY shown_at").fetchall():
        roll_up_hint(conn, learner)
    for (learner,) in conn.execute("SELECT DISTINCT learner_id FROM verified").fetchall():
        roll_up_verified(conn, learner)
    for quiz_id, number, correct, wrong in conn.execute(
            "SELECT quiz_id, question_number, correct, coalesce(misconception, answer) "
            "FROM quiz_answers WHERE valid = 1 ORDER BY created_at, id").fetchall():
        roll_up_answer(conn, quiz_id, number, bool(correct), wrong)
