"""Rollup tables and the instructor views over them.

Plain aggregate views over a million attempts take 0.1–1.3 s in SQLite even with indexes, so the
numbers the views show are kept in small tables updated in the same transaction that records an
attempt or an answer (`roll_up_attempt`, `roll_up_answer`). `recompute` rebuilds them from the
raw rows: after a merge, and in the tests that check the two always agree.

Only the learners' own finished attempts count here (origin 'local'); a regrade's verified
results live in `verified` and the views show them beside the self-reported ones.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

STUCK_AFTER = 3  # failed attempts without a pass

TABLES = """
CREATE TABLE learner_step (
    learner_id TEXT NOT NULL REFERENCES learners(id), exercise_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, failed_attempts INTEGER NOT NULL DEFAULT 0,
    best_score REAL NOT NULL DEFAULT 0, first_opened_at TEXT, first_attempt_at TEXT,
    last_attempt_at TEXT, first_pass_at TEXT, attempts_to_first_pass INTEGER,
    last_diagnosis TEXT, PRIMARY KEY (learner_id, exercise_id));
CREATE TABLE learner_rollup (
    learner_id TEXT PRIMARY KEY REFERENCES learners(id),
    steps_passed INTEGER NOT NULL DEFAULT 0, steps_attempted INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0, last_activity TEXT,
    hints_used INTEGER NOT NULL DEFAULT 0, steps_verified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE step_rollup (
    exercise_id TEXT PRIMARY KEY, learners INTEGER NOT NULL DEFAULT 0,
    learners_passed INTEGER NOT NULL DEFAULT 0, learners_stuck INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0, failed_attempts INTEGER NOT NULL DEFAULT 0,
    seconds_to_pass_total REAL NOT NULL DEFAULT 0);
CREATE TABLE pass_histogram (
    exercise_id TEXT NOT NULL, attempts_to_first_pass INTEGER NOT NULL,
    learners INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (exercise_id, attempts_to_first_pass));
CREATE TABLE step_diagnosis (
    exercise_id TEXT NOT NULL, diagnosis TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (exercise_id, diagnosis));
CREATE TABLE daily (
    day TEXT PRIMARY KEY, attempts INTEGER NOT NULL DEFAULT 0,
    passes INTEGER NOT NULL DEFAULT 0, learners INTEGER NOT NULL DEFAULT 0);
CREATE TABLE learner_day (
    day TEXT NOT NULL, learner_id TEXT NOT NULL, PRIMARY KEY (day, learner_id));
CREATE TABLE question_rollup (
    quiz_id TEXT NOT NULL, question_number INTEGER NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0, correct INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (quiz_id, question_number));
CREATE TABLE wrong_answer_rollup (
    quiz_id TEXT NOT NULL, question_number INTEGER NOT NULL, wrong_answer TEXT NOT NULL,
    answers INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (quiz_id, question_number, wrong_answer));
CREATE TABLE verified (
    learner_id TEXT NOT NULL REFERENCES learners(id), exercise_id TEXT NOT NULL,
    attempt_id TEXT NOT NULL, passed INTEGER NOT NULL, score REAL NOT NULL,
    code_sha256 TEXT, regraded_at TEXT NOT NULL, PRIMARY KEY (learner_id, exercise_id));
"""

VIEWS = f"""
CREATE VIEW learner_progress AS
SELECT l.id AS learner_id, l.name AS learner,
       coalesce(r.steps_passed, 0) AS steps_passed,
       coalesce(r.steps_attempted, 0) AS steps_attempted,
       coalesce(r.attempts, 0) AS attempts, r.last_activity,
       coalesce(r.hints_used, 0) AS hints_used,
       coalesce(r.steps_verified, 0) AS steps_verified
FROM learners l LEFT JOIN learner_rollup r ON r.learner_id = l.id;

CREATE VIEW step_stats AS
SELECT r.exercise_id, r.learners, r.learners_passed,
       round(1.0 * r.learners_passed / max(r.learners, 1), 4) AS pass_rate,
       r.attempts, r.failed_attempts,
       (SELECT h.attempts_to_first_pass FROM pass_histogram h
         WHERE h.exercise_id = r.exercise_id
           AND (SELECT coalesce(sum(h2.learners), 0) FROM pass_histogram h2
                 WHERE h2.exercise_id = r.exercise_id
                   AND h2.attempts_to_first_pass <= h.attempts_to_first_pass)
               * 2 >= r.learners_passed
         ORDER BY h.attempts_to_first_pass LIMIT 1) AS median_attempts_to_pass,
       round(r.seconds_to_pass_total / nullif(r.learners_passed, 0), 1) AS mean_seconds_to_pass,
       r.learners_stuck,
       round(1.0 * r.learners_stuck / max(r.learners, 1), 4) AS stuck_share
FROM step_rollup r;

CREATE VIEW step_diagnoses AS
SELECT d.exercise_id, d.diagnosis, d.attempts,
       round(100.0 * d.attempts / max(r.failed_attempts, 1), 1) AS percent_of_failed
FROM step_diagnosis d JOIN step_rollup r USING (exercise_id)
ORDER BY d.exercise_id, d.attempts DESC;

CREATE VIEW quiz_question_stats AS
SELECT q.quiz_id, q.question_number, q.answered, q.correct,
       round(1.0 * q.correct / max(q.answered, 1), 4) AS share_right,
       (SELECT w.wrong_answer FROM wrong_answer_rollup w
         WHERE w.quiz_id = q.quiz_id AND w.question_number = q.question_number
         ORDER BY w.answers DESC, w.wrong_answer LIMIT 1) AS most_chosen_wrong_answer
FROM question_rollup q;

CREATE VIEW activity AS
SELECT day, attempts, passes, learners FROM daily ORDER BY day;

CREATE VIEW stuck_learners AS
SELECT l.name AS learner, s.exercise_id, s.failed_attempts, s.last_attempt_at,
       s.last_diagnosis
FROM learner_step s JOIN learners l ON l.id = s.learner_id
WHERE s.first_pass_at IS NULL AND s.failed_attempts >= {STUCK_AFTER}
ORDER BY s.failed_attempts DESC;
"""

ROLLUP_TABLES = ("learner_step", "learner_rollup", "step_rollup", "pass_histogram",
                 "step_diagnosis", "daily", "learner_day", "question_rollup",
                 "wrong_answer_rollup")


def create(conn: sqlite3.Connection) -> None:
    for statement in (TABLES + VIEWS).split(";"):
        if statement.strip():
            conn.execute(statement)


def _seconds(start: str | None, end: str) -> float:
    if not start:
        return 0.0
    return max(0.0, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())


def roll_up_attempt(conn: sqlite3.Connection, learner: str, exercise_id: str, passed: bool,
                    score: float, diagnosis: str | None, created_at: str) -> None:
    """Call inside the transaction that records the attempt."""
    row = conn.execute(
        "SELECT failed_attempts, first_pass_at, first_opened_at FROM learner_step "
        "WHERE learner_id = ? AND exercise_id = ?", (learner, exercise_id)).fetchone()
    conn.execute("INSERT OR IGNORE INTO step_rollup (exercise_id) VALUES (?)", (exercise_id,))
    conn.execute("INSERT OR IGNORE INTO learner_rollup (learner_id) VALUES (?)", (learner,))
    conn.execute("UPDATE learner_rollup SET attempts = attempts + 1, steps_attempted = "
                 "steps_attempted + ?, last_activity = max(coalesce(last_activity, ''), ?) "
                 "WHERE learner_id = ?", (int(row is None), created_at, learner))
    if row is None:
        opened = conn.execute("SELECT opened_at FROM openings WHERE learner_id = ? AND "
                              "exercise_id = ?", (learner, exercise_id)).fetchone()
        opened_at = min(opened[0], created_at) if opened else created_at
        conn.execute("INSERT INTO learner_step (learner_id, exercise_id, first_opened_at, "
                     "first_attempt_at) VALUES (?, ?, ?, ?)",
                     (learner, exercise_id, opened_at, created_at))
        conn.execute("UPDATE step_rollup SET learners = learners + 1 WHERE exercise_id = ?",
                     (exercise_id,))
        failed, first_pass_at = 0, None
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
        tries = conn.execute("SELECT attempts FROM learner_step WHERE learner_id = ? AND "
                             "exercise_id = ?", (learner, exercise_id)).fetchone()[0]
        conn.execute("UPDATE learner_step SET first_pass_at = ?, attempts_to_first_pass = ? "
                     "WHERE learner_id = ? AND exercise_id = ?",
                     (created_at, tries, learner, exercise_id))
        conn.execute(
            "UPDATE step_rollup SET learners_passed = learners_passed + 1, "
            "learners_stuck = learners_stuck - ?, seconds_to_pass_total = "
            "seconds_to_pass_total + ? WHERE exercise_id = ?",
            (int(failed >= STUCK_AFTER), _seconds(opened_at, created_at), exercise_id))
        conn.execute("INSERT INTO pass_histogram VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET "
                     "learners = learners + 1", (exercise_id, tries))
        conn.execute("UPDATE learner_rollup SET steps_passed = steps_passed + 1 "
                     "WHERE learner_id = ?", (learner,))
    if not passed:
        if first_pass_at is None and failed + 1 == STUCK_AFTER:
            conn.execute("UPDATE step_rollup SET learners_stuck = learners_stuck + 1 "
                         "WHERE exercise_id = ?", (exercise_id,))
        if diagnosis:
            conn.execute("INSERT INTO step_diagnosis VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET "
                         "attempts = attempts + 1", (exercise_id, diagnosis))
        conn.execute("UPDATE learner_step SET last_diagnosis = ? WHERE learner_id = ? AND "
                     "exercise_id = ?", (diagnosis, learner, exercise_id))
    day = created_at[:10]
    new_learner_day = conn.execute("INSERT OR IGNORE INTO learner_day VALUES (?, ?)",
                                   (day, learner)).rowcount
    conn.execute("INSERT INTO daily VALUES (?, 1, ?, ?) ON CONFLICT DO UPDATE SET "
                 "attempts = attempts + 1, passes = passes + excluded.passes, "
                 "learners = learners + excluded.learners",
                 (day, int(passed), new_learner_day))


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
        "SELECT learner_id, exercise_id, passed, score, diagnosis, created_at FROM attempts "
        "WHERE origin = 'local' AND error_kind IS NOT 'unfinished' ORDER BY created_at, id")


def recompute(conn: sqlite3.Connection) -> None:
    """Rebuild every rollup from the raw rows (inside the caller's transaction)."""
    for table in ROLLUP_TABLES:
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
