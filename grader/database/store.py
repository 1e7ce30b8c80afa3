"""The progress database: schema and migrations (sqlite-utils), and the few writes on the check
path (the standard library's sqlite3, which keeps `learn check` from importing sqlite-utils when
the schema is already current).

Every connection: WAL, synchronous=FULL, a busy timeout; read-then-write work runs inside
`BEGIN IMMEDIATE`, which waits for the write lock up front instead of failing half-way with
"database is locked" the way a deferred transaction can.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from grader import __version__, clock
from grader.database import rollups
from grader.database.migrations import MIGRATIONS
from grader.errors import LearnError, StoreError
from grader.grading.expr import MAX_LENGTH as MAX_ANSWER

SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_MS = 30_000
# What a learner's hand-in carries, parents first, with the column(s) that identify a row.
# review_log goes too (its rows never change), for the class's review_stats; review_cards,
# the learner's current schedule, stays home (it is rewritten at every review).
HANDIN_TABLES = (("learners", "id"), ("attempts", "id"), ("hints", "id"),
                 ("quiz_answers", "id"), ("openings", "learner_id, exercise_id"),
                 ("review_log", "id"))
# Every table with a learner_id column, children first (the order to delete a learner in).
LEARNER_TABLES = ("review_log", "review_cards", "quiz_answers", "hints", "openings", "verified",
                  "learner_step", "learner_rollup", "attempts")
OUR_TABLES = {"learners", "_sqlite_migrations", "roster", "overrides", "forgotten",
              "forgotten_salt", *LEARNER_TABLES,
              *rollups.ROLLUP_TABLES}


def now() -> str:
    """Every stored time: the learner commands' one clock (LEARN_NOW stands in for it)."""
    return clock.stamp()


NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "afs",
                       "ceph", "glusterfs", "lustre", "davfs", "fuse.davfs2"}


def filesystem_type(path: Path) -> str | None:
    """The type of the filesystem holding `path`, from /proc/self/mounts (Linux); else None."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return None
    target = str(path.resolve())
    best, kind = "", None
    for line in mounts:
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].replace("\\040", " ")
            inside = target == point or target.startswith(point.rstrip("/") + "/")
            if inside and len(point) > len(best):
                best, kind = point, fields[2]
    return kind


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database; StoreError with one line if not."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder for {path} ({exc.strerror})") from None
    kind = filesystem_type(path.parent)
    if kind in NETWORK_FILESYSTEMS:
        # WAL needs shared memory between processes, which network filesystems do not give.
        raise StoreError(f"{path} is on a network filesystem ({kind}), where SQLite's WAL mode "
                         "is not safe; put the database on a local disk (set LEARN_DB)")
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the progress database {path} ({exc})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            # Some filesystems (network shares) cannot hold WAL's shared memory.
            raise StoreError(
                f"{path}: cannot use WAL mode here (got '{mode}'); put the database on a "
                "local disk (set LEARN_DB)"
            )
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: {explain_error(exc)}") from None
    except StoreError:
        conn.close()
        raise
    return conn


def explain_error(exc: sqlite3.Error) -> str:
    """A database error in one line, with what to do about it."""
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return f"not a readable SQLite database ({text}); move it aside and run again"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only; check the file's permissions or set LEARN_DB"
    if "disk is full" in text or "disk I/O" in text:
        return f"cannot write the database ({text}); free some disk space"
    return text


def migrate(conn: sqlite3.Connection, path: Path, upto: int | None = None) -> None:
    """Apply the migrations this database has not had (the first `upto` only: tests build
    older versions that way), then rebuild the rollups from the raw rows."""
    # sqlite_utils (~0.2 s) only to migrate: an up-to-date database opens without it
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    target = len(MIGRATIONS[:upto])
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if 0 < version < target:
        # Outside the write transaction: the backup API cannot copy a database its own
        # connection holds a write lock on.
        backup(conn, path.with_name(f"{path.name}.v{version}.bak"))
    with transaction(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == target:
            return  # another process migrated while we waited for the lock
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path} was written by a newer learn-backprop (schema {version}); upgrade it"
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        foreign = tables - OUR_TABLES - {"sqlite_sequence"}
        if version == 0 and foreign:
            raise StoreError(
                f"{path} is not a learn-backprop database (it has tables: "
                f"{', '.join(sorted(foreign)[:5])}); use another file with --db or LEARN_DB"
            )
        migrations = Migrations("learn-backprop")
        for migration in MIGRATIONS[:upto]:
            migrations()(migration)
        migrations.apply(Database(conn, execute_plugins=False))
        if target >= 3:  # the rollup tables exist from m003 on
            rollups.recompute(conn)
        conn.execute(f"PRAGMA user_version = {target}")


def backup(conn: sqlite3.Connection, target: Path) -> None:
    destination = sqlite3.connect(target)
    try:
        conn.backup(destination)
    finally:
        destination.close()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


class Batched:
    """Many small writes in few transactions: at most `size` items or `seconds` in one, each
    item in a savepoint of its own (a failed item leaves the others whole). `close` commits
    what is pending, so an interrupted run keeps every item it finished."""

    def __init__(self, conn: sqlite3.Connection, size: int = 64, seconds: float = 1.0) -> None:
        self.conn, self.size, self.seconds = conn, size, seconds
        self.count, self.started = 0, 0.0

    @contextmanager
    def item(self) -> Iterator[None]:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.count, self.started = 0, time.monotonic()
        self.conn.execute("SAVEPOINT item")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO item")
            self.conn.execute("RELEASE item")
            raise
        self.conn.execute("RELEASE item")
        self.count += 1
        if self.count >= self.size or time.monotonic() - self.started >= self.seconds:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def __enter__(self) -> Batched:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def learner_id(conn: sqlite3.Connection, name: str, os_user: str) -> str:
    """The id of the learner called `name` in this database, created on first use."""
    with transaction(conn):
        row = conn.execute(
            "SELECT id FROM learners WHERE name = ? ORDER BY created_at LIMIT 1", (name,)
        ).fetchone()
        if row:
            return row[0]
        new_id = uuid.uuid4().hex
        conn.execute(
            "INSERT INTO learners (id, name, os_user, created_at) VALUES (?, ?, ?, ?)",
            (new_id, name, os_user, now()),
        )
        return new_id


@dataclass(frozen=True)
class AttemptRecord:
    learner_id: str
    exercise_id: str
    exercise_hash: str
    seed: int
    passed: bool
    score: float
    cases_total: int
    cases_passed: int
    duration_ms: int
    diagnosis: str | None
    diagnosis_message: str | None
    error_kind: str | None
    error_message: str | None
    failing_case: dict | None
    code: bytes
    code_sha256: str
    grader_version: str
    origin: str = "local"

    @classmethod
    def from_verdict(cls, learner_id: str, exercise, verdict, source: bytes,
                     origin: str = "local", failing_case: bool = True) -> AttemptRecord:
        """The row for one graded attempt (a check or a regrade) of `exercise`."""
        return cls(
            learner_id=learner_id, exercise_id=exercise.id, exercise_hash=exercise.content_hash,
            seed=verdict.seed, passed=verdict.passed, score=verdict.score,
            cases_total=verdict.cases_total, cases_passed=verdict.cases_passed,
            duration_ms=round(verdict.seconds * 1000),
            diagnosis=verdict.diagnosis.name if verdict.diagnosis else None,
            diagnosis_message=verdict.diagnosis.message if verdict.diagnosis else None,
            error_kind=verdict.error.kind if verdict.error else None,
            error_message=verdict.error.message if verdict.error else None,
            failing_case=(asdict(verdict.failing_case)
                          if failing_case and verdict.failing_case else None),
            code=source, code_sha256=hashlib.sha256(source).hexdigest(),
            grader_version=__version__, origin=origin)


def record_attempt(conn: sqlite3.Connection, attempt: AttemptRecord) -> str:
    with transaction(conn):
        return insert_attempt(conn, attempt)


def insert_attempt(conn: sqlite3.Connection, attempt: AttemptRecord) -> str:
    """Write an attempt and its rollups; the caller holds the transaction."""
    attempt_id = uuid.uuid4().hex
    created_at = now()
    conn.execute(
        """INSERT INTO attempts (id, learner_id, exercise_id, exercise_hash, created_at,
            duration_ms, seed, passed, score, cases_total, cases_passed, diagnosis,
            diagnosis_message, error_kind, error_message, failing_case, code_sha256, code,
            grader_version, origin)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            attempt_id, attempt.learner_id, attempt.exercise_id, attempt.exercise_hash,
            created_at, attempt.duration_ms, attempt.seed, int(attempt.passed), attempt.score,
            attempt.cases_total, attempt.cases_passed, attempt.diagnosis,
            attempt.diagnosis_message, attempt.error_kind, attempt.error_message,
            json.dumps(attempt.failing_case) if attempt.failing_case else None,
            attempt.code_sha256, attempt.code.decode("utf-8", errors="replace"),
            attempt.grader_version, attempt.origin,
        ),
    )
    if attempt.origin in rollups.LEARNER_ORIGINS:  # a regrade opens nothing: the learner did
        _open(conn, attempt.learner_id, attempt.exercise_id)
        parameters = (attempt.failing_case or {}).get("parameters")
        rollups.roll_up_attempt(conn, attempt.learner_id, attempt.exercise_id,
                                attempt.passed, attempt.score, attempt.diagnosis, created_at,
                                attempt.duration_ms,
                                json.dumps(parameters) if parameters else None)
    return attempt_id


def start_quiz(conn: sqlite3.Connection, learner: str, quiz_id: str, quiz_hash: str, seed: int,
               questions: int, grader_version: str, origin: str = "local") -> str:
    """The attempt row of a quiz run, written before the first answer so none is orphaned."""
    attempt_id = uuid.uuid4().hex
    with transaction(conn):
        conn.execute(
            """INSERT INTO attempts (id, learner_id, exercise_id, exercise_hash, created_at,
                duration_ms, seed, passed, score, cases_total, cases_passed, code_sha256, code,
                grader_version, origin, error_kind)
               VALUES (?, ?, ?, ?, ?, 0, ?, 0, 0.0, ?, 0, '', '', ?, ?, 'unfinished')""",
            (attempt_id, learner, quiz_id, quiz_hash, now(), seed, questions, grader_version,
             origin),
        )
        _open(conn, learner, quiz_id)
    return attempt_id


MAX_STORED_ANSWER = MAX_ANSWER  # characters; a longer answer is kept cut, and invalid


def record_answer(conn: sqlite3.Connection, attempt_id: str, learner: str, quiz_id: str,
                  number: int, kind: str, seed: int, prompt: str, answer: str, valid: bool,
                  correct: bool, misconception: str | None, seconds: float) -> None:
    if len(answer) > MAX_STORED_ANSWER:
        answer, valid, correct, misconception = answer[:MAX_STORED_ANSWER], False, False, None
    with transaction(conn):
        conn.execute(
            """INSERT INTO quiz_answers (id, attempt_id, learner_id, quiz_id, question_number,
                question_kind, seed, prompt, answer, valid, correct, misconception, seconds,
                created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (uuid.uuid4().hex, attempt_id, learner, quiz_id, number, kind, seed, prompt, answer,
             int(valid), int(correct), misconception, seconds, now()),
        )
        if valid:
            rollups.roll_up_answer(conn, quiz_id, number, correct, misconception or answer)
        # Keep the attempt's tally current: an interrupted quiz keeps what was answered.
        conn.execute(
            """UPDATE attempts SET cases_passed = (SELECT count(DISTINCT question_number)
                   FROM quiz_answers WHERE attempt_id = ? AND correct = 1),
                   score = CAST((SELECT count(DISTINCT question_number) FROM quiz_answers
                   WHERE attempt_id = ? AND correct = 1) AS REAL) / cases_total
               WHERE id = ?""",
            (attempt_id, attempt_id, attempt_id),
        )


def finish_quiz(conn: sqlite3.Connection, attempt_id: str, passed: bool,
                duration_ms: int) -> None:
    with transaction(conn):
        conn.execute("UPDATE attempts SET passed = ?, duration_ms = ?, error_kind = NULL "
                     "WHERE id = ?", (int(passed), duration_ms, attempt_id))
        learner, quiz_id, score, created_at = conn.execute(
            "SELECT learner_id, exercise_id, score, created_at FROM attempts WHERE id = ?",
            (attempt_id,)).fetchone()
        rollups.roll_up_attempt(conn, learner, quiz_id, passed, score, None, created_at,
                                duration_ms)


def _open(conn: sqlite3.Connection, learner: str, exercise_id: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO openings (learner_id, exercise_id, opened_at) VALUES (?, ?, ?)",
        (learner, exercise_id, now()),
    )


def mark_opened(conn: sqlite3.Connection, learner: str, exercise_id: str) -> None:
    with transaction(conn):
        _open(conn, learner, exercise_id)


def was_opened(conn: sqlite3.Connection, learner: str, exercise_id: str) -> bool:
    return conn.execute("SELECT 1 FROM openings WHERE learner_id = ? AND exercise_id = ?",
                        (learner, exercise_id)).fetchone() is not None


def record_hint(conn: sqlite3.Connection, learner: str, exercise_id: str) -> int:
    """Store that the next hint was shown; returns its number (1-based)."""
    with transaction(conn):
        shown = hints_shown(conn, learner, exercise_id)
        conn.execute(
            "INSERT INTO hints (id, learner_id, exercise_id, hint_number, shown_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, learner, exercise_id, shown + 1, now()),
        )
        rollups.roll_up_hint(conn, learner)
        _open(conn, learner, exercise_id)
    return shown + 1


def hints_shown(conn: sqlite3.Connection, learner: str, exercise_id: str) -> int:
    """How many of the step's ladder of hints were shown (a slip's hint is number 0)."""
    return conn.execute(
        "SELECT count(*) FROM hints WHERE learner_id = ? AND exercise_id = ? "
        "AND hint_number > 0", (learner, exercise_id),
    ).fetchone()[0]


def unanswered_slip(conn: sqlite3.Connection, learner: str, exercise_id: str) -> str | None:
    """The misconception the learner's latest attempt at the step was diagnosed with, if no
    slip hint was shown since that attempt."""
    row = conn.execute(
        "SELECT diagnosis, created_at FROM attempts WHERE learner_id = ? AND exercise_id = ? "
        "AND origin IN ('local', 'notebook') ORDER BY created_at DESC LIMIT 1",
        (learner, exercise_id)).fetchone()
    if row is None or row[0] is None:
        return None
    shown = conn.execute(
        "SELECT 1 FROM hints WHERE learner_id = ? AND exercise_id = ? AND hint_number = 0 "
        "AND shown_at >= ?", (learner, exercise_id, row[1])).fetchone()
    return None if shown else row[0]


def record_slip_hint(conn: sqlite3.Connection, learner: str, exercise_id: str) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO hints (id, learner_id, exercise_id, hint_number, shown_at) "
            "VALUES (?, ?, ?, 0, ?)", (uuid.uuid4().hex, learner, exercise_id, now()))
        rollups.roll_up_hint(conn, learner)
        _open(conn, learner, exercise_id)


@dataclass(frozen=True)
class StepProgress:
    attempts: int
    passed: bool
    best_score: float


def progress(conn: sqlite3.Connection, learner: str) -> dict[str, StepProgress]:
    rows = conn.execute(  # a review's answers are practice: they pass no step
        """SELECT exercise_id, count(*), max(passed), max(score)
           FROM attempts WHERE learner_id = ? AND origin IS NOT 'review'
           GROUP BY exercise_id""",
        (learner,),
    )
    return {r[0]: StepProgress(r[1], bool(r[2]), r[3]) for r in rows}


def write_handin(conn: sqlite3.Connection, learner_id: str, out: Path) -> int:
    """A hand-in file: a database holding only this learner's rows (attempts with code,
    hints, openings, quiz answers), for the instructor to collect and merge."""
    if out.exists():
        raise LearnError(f"{out} exists already; choose another --out")
    target = connect(out)
    try:
        with transaction(target):
            count = 0
            for table, _ in HANDIN_TABLES:
                column = "id" if table == "learners" else "learner_id"
                query = f"SELECT * FROM {table} WHERE {column} = ?"
                if table == "attempts":
                    query += f" AND {rollups.by_learner()}"
                cursor = conn.execute(query, (learner_id,))
                names = [d[0] for d in cursor.description]
                for row in cursor:
                    target.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                                   f"({', '.join('?' for _ in names)})", row)
                    count += 1
            rollups.recompute(target)
    finally:
        target.close()
    return count
