"""The database's migrations, frozen: each one's DDL is written out here as it was when it
shipped, never read from code that may change later, so a database upgraded from any earlier
version ends with the same schema as a new one (tests/test_store.py builds every version).

A schema change is a new function at the end of MIGRATIONS; the schema version is the number of
migrations. Data derived from the raw rows (the rollup tables) is rebuilt by `store.migrate`
after the migrations ran, with the code of the day.
"""

from __future__ import annotations


def m001_initial(db) -> None:
    db["learners"].create(
        {"id": str, "name": str, "os_user": str, "created_at": str}, pk="id"
    )
    db["learners"].create_index(["name"])
    db["attempts"].create(
        {
            "id": str, "learner_id": str, "exercise_id": str, "exercise_hash": str,
            "created_at": str, "duration_ms": int, "seed": int, "passed": int,
            "score": float, "cases_total": int, "cases_passed": int,
            "diagnosis": str, "diagnosis_message": str,
            "error_kind": str, "error_message": str, "failing_case": str,
            "code_sha256": str, "code": str, "grader_version": str, "origin": str,
        },
        pk="id",
        foreign_keys=[("learner_id", "learners", "id")],
        not_null={"learner_id", "exercise_id", "created_at", "passed", "score"},
    )
    db["attempts"].create_index(["learner_id", "exercise_id"])
    db["attempts"].create_index(["exercise_id", "passed"])
    db["attempts"].create_index(["created_at"])
    db["hints"].create(
        {"id": str, "learner_id": str, "exercise_id": str, "hint_number": int,
         "shown_at": str},
        pk="id",
        foreign_keys=[("learner_id", "learners", "id")],
    )
    db["hints"].create_index(["learner_id", "exercise_id"])
    db["openings"].create(
        {"learner_id": str, "exercise_id": str, "opened_at": str},
        pk=("learner_id", "exercise_id"),
        foreign_keys=[("learner_id", "learners", "id")],
    )


def m002_quiz_answers(db) -> None:
    # A quiz run is an attempt (score, passed) like a code check; each answer is a row here.
    db["quiz_answers"].create(
        {
            "id": str, "attempt_id": str, "learner_id": str, "quiz_id": str,
            "question_number": int, "question_kind": str, "seed": int, "prompt": str,
            "answer": str, "valid": int, "correct": int, "misconception": str,
            "seconds": float, "created_at": str,
        },
        pk="id",
        foreign_keys=[("attempt_id", "attempts", "id"), ("learner_id", "learners", "id")],
    )
    db["quiz_answers"].create_index(["quiz_id", "question_number"])
    db["quiz_answers"].create_index(["learner_id", "quiz_id"])


M003_TABLES = """
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

M003_VIEWS = """
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
WHERE s.first_pass_at IS NULL AND s.failed_attempts >= 3
ORDER BY s.failed_attempts DESC;
"""


def m003_rollups_and_views(db) -> None:
    _execute_all(db, M003_TABLES + M003_VIEWS)


def m004_verified_provenance(db) -> None:
    # Which isolation graded a verified row, when the graded code was submitted (deadlines
    # apply to it), and whether the learner had claimed a pass.
    _execute_all(db, "ALTER TABLE verified ADD COLUMN isolation TEXT;"
                     "ALTER TABLE verified ADD COLUMN submitted_at TEXT;"
                     "ALTER TABLE verified ADD COLUMN claimed INTEGER;")


def m005_roster(db) -> None:
    # Names mapped to student ids and emails (learn roster import), used by the exports.
    _execute_all(db, "CREATE TABLE IF NOT EXISTS roster (name TEXT PRIMARY KEY, "
                     "student_id TEXT, email TEXT);")


def m006_activity_not_in_the_future(db) -> None:
    # A clock set wrong (or a forged row) dated next year stretched the activity chart: days
    # after tomorrow stay in the rollups but out of the view; the merge reports them.
    _execute_all(db, "DROP VIEW activity;"
                     "CREATE VIEW activity AS SELECT day, attempts, passes, learners FROM daily "
                     "WHERE day <= date('now', '+1 day') ORDER BY day;")


def m007_overrides(db) -> None:
    # An instructor's score for a learner's step, with the reason, who and when: the latest of
    # each (name, step) beats every other result; merges and regrades never touch this table.
    _execute_all(db, "CREATE TABLE overrides (name TEXT NOT NULL, exercise_id TEXT NOT NULL, "
                     "score REAL NOT NULL, comment TEXT NOT NULL, by_user TEXT, "
                     "created_at TEXT NOT NULL);"
                     "CREATE INDEX overrides_name ON overrides (name, exercise_id);")


def _execute_all(db, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def m008_case_difficulty(db) -> None:
    # Which cases break learners: each failed attempt's first failing case by parameter (depth,
    # batch, activations, bias), so the instructor sees "ex19 fails mostly at depth >= 3 with
    # relu". failed_cases counts the failures that recorded their case's parameters.
    _execute_all(db, "CREATE TABLE case_failure_rollup (exercise_id TEXT NOT NULL, "
                     "parameter TEXT NOT NULL, value TEXT NOT NULL, failures INTEGER NOT NULL, "
                     "PRIMARY KEY (exercise_id, parameter, value));"
                     "ALTER TABLE step_rollup ADD COLUMN failed_cases INTEGER NOT NULL DEFAULT 0;"
                     "CREATE VIEW case_difficulty AS SELECT c.exercise_id, c.parameter, c.value, "
                     "c.failures, round(1.0 * c.failures / r.failed_cases, 3) AS share "
                     "FROM case_failure_rollup c JOIN step_rollup r USING (exercise_id) "
                     "WHERE r.failed_cases > 0 "
                     "ORDER BY c.exercise_id, c.parameter, c.failures DESC, c.value;")


# Stage G (why training fails) went in between the capstone and "Beyond", whose steps took the
# numbers after it. Frozen: the ids as they were renamed then.
RENUMBERED_IN_M009 = {"ex24": "ex33", "ex25": "ex34", "q15": "q21", "q16": "q22"}
STEP_COLUMNS = (("attempts", "exercise_id"), ("hints", "exercise_id"),
                ("openings", "exercise_id"), ("quiz_answers", "quiz_id"),
                ("learner_step", "exercise_id"), ("step_rollup", "exercise_id"),
                ("pass_histogram", "exercise_id"), ("step_diagnosis", "exercise_id"),
                ("question_rollup", "quiz_id"), ("wrong_answer_rollup", "quiz_id"),
                ("verified", "exercise_id"), ("overrides", "exercise_id"),
                ("case_failure_rollup", "exercise_id"))


def m009_beyond_renumbered(db) -> None:
    # Beyond's steps were renumbered after stage G: a learner's progress keeps its steps.
    for table, column in STEP_COLUMNS:
        for old, new in RENUMBERED_IN_M009.items():
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))


def m010_forgotten(db) -> None:
    # `learn forget` leaves a tombstone so that a later merge refuses the learner's hand-ins:
    # each of their identities (name, learner ids, student id, email) as a hash keyed with this
    # database's own salt (made by the first forget), never in clear.
    _execute_all(db, "CREATE TABLE forgotten (digest TEXT PRIMARY KEY, "
                     "forgotten_on TEXT NOT NULL);"
                     "CREATE TABLE forgotten_salt (salt TEXT NOT NULL);")


def m011_roster_for_lms(db) -> None:
    # What an LMS matches a student by, beside the student id: Canvas's own user id, the SIS
    # login, the section, and the name as "Last, First".
    _execute_all(db, "ALTER TABLE roster ADD COLUMN lms_id TEXT NOT NULL DEFAULT '';"
                     "ALTER TABLE roster ADD COLUMN login_id TEXT NOT NULL DEFAULT '';"
                     "ALTER TABLE roster ADD COLUMN section TEXT NOT NULL DEFAULT '';"
                     "ALTER TABLE roster ADD COLUMN sortable_name TEXT NOT NULL DEFAULT '';")


M012_REVIEW = """
CREATE TABLE review_cards (
    learner_id TEXT NOT NULL REFERENCES learners(id), item TEXT NOT NULL,
    step TEXT NOT NULL, slip TEXT, card TEXT NOT NULL, due TEXT NOT NULL,
    reviews INTEGER NOT NULL DEFAULT 0, lapses INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (learner_id, item));
CREATE INDEX review_cards_due ON review_cards (learner_id, due);
CREATE TABLE review_log (
    id TEXT PRIMARY KEY, learner_id TEXT NOT NULL REFERENCES learners(id),
    item TEXT NOT NULL, step TEXT NOT NULL, slip TEXT, event TEXT NOT NULL,
    happened_at TEXT NOT NULL, asked TEXT, attempt_id TEXT, answer TEXT, correct INTEGER,
    misconception TEXT, hinted INTEGER, rating INTEGER NOT NULL, due TEXT NOT NULL);
CREATE INDEX review_log_item ON review_log (learner_id, item, happened_at);
CREATE VIEW review_stats AS
WITH slips AS (
    SELECT learner_id, item, step, slip, min(happened_at) AS slipped_at FROM review_log
    WHERE event = 'entered' AND slip IS NOT NULL GROUP BY learner_id, item),
first_late AS (
    SELECT s.step, s.slip, s.learner_id,
           (SELECT r.correct FROM review_log r
             WHERE r.learner_id = s.learner_id AND r.item = s.item AND r.event = 'reviewed'
               AND julianday(r.happened_at) >= julianday(s.slipped_at) + 3
             ORDER BY r.happened_at LIMIT 1) AS correct
    FROM slips s)
SELECT step, slip, count(DISTINCT learner_id) AS learners,
       count(correct) AS reviewed_after_3_days, coalesce(sum(correct), 0) AS right_after_3_days,
       round(1.0 * sum(correct) / nullif(count(correct), 0), 4) AS retention
FROM first_late GROUP BY step, slip ORDER BY learners DESC, step, slip;
"""


def m012_review(db) -> None:
    # `learn review`: each item's FSRS card (its state as JSON, and when it is due), and the
    # log of what happened to it: 'entered' (the slip, missed question or long-passed step it
    # came from, when that happened, with the rating it started on) and 'reviewed' (what was
    # asked, the answer, right or not, a hint or not, the rating, the next due date). The
    # answers themselves are attempts of origin 'review', which grades and rollups never count.
    # review_stats: per slip, the learners who have it in review, and of those reviewed three
    # days or more after the slip, the share right the first time (retention).
    _execute_all(db, M012_REVIEW)


MIGRATIONS = (m001_initial, m002_quiz_answers, m003_rollups_and_views, m004_verified_provenance,
              m005_roster, m006_activity_not_in_the_future, m007_overrides, m008_case_difficulty,
              m009_beyond_renumbered, m010_forgotten, m011_roster_for_lms, m012_review)
