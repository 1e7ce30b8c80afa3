"""Collecting a class: hand-in files (`learn submit`), merging them into a class database,
the roster, and forgetting a learner. No click here; grader/cli.py calls these.

A hand-in is checked before any of it is merged: one learner, every row theirs, only their own
attempts (no regrade rows), and with `names_from_files` a file name that names that learner. A
file that fails is refused whole and named; the others still merge. Stored code is capped as
at check time: a bigger file becomes a failed attempt that says so.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from grader import rollups, store
from grader.errors import LearnError
from grader.grade import CODE_CAP_BYTES, too_large

MERGED_TABLES = store.HANDIN_TABLES


class HandinRefused(LearnError):
    """A hand-in that is not one learner's own work, as the merge requires."""


def open_source(path: Path) -> sqlite3.Connection:
    """Another learner's database or hand-in file, opened read-only and checked."""
    if not path.is_file():
        raise HandinRefused(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise HandinRefused(f"{path}: not a readable SQLite database ({exc})") from None
    if version == 0 or "attempts" not in tables:
        conn.close()
        raise HandinRefused(f"{path}: not a learn-backprop database")
    if version > store.SCHEMA_VERSION:
        conn.close()
        raise HandinRefused(f"{path} was written by a newer learn-backprop; upgrade first")
    return conn


def _names_in(path: Path) -> set[str]:
    """The learner names a file name can stand for: `ada.db`, `handin-ada.db`, and an LMS
    download such as `ada_12345_67890_handin-ada.db` (its first and last fields)."""
    stem = path.name.removesuffix(".db")
    fields = stem.split("_")
    candidates = {stem, fields[0], fields[-1]}
    return {_normal(re.sub(r"^handin[-_]", "", c)) for c in candidates} - {""}


def _normal(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def check_handin(conn: sqlite3.Connection, path: Path, names_from_files: bool = False) -> str:
    """The one learner a hand-in holds (their id); HandinRefused, naming the file, if not."""
    learners = conn.execute("SELECT id, name FROM learners").fetchall()
    if len(learners) != 1:
        names = ", ".join(sorted(str(n) for _, n in learners)[:5])
        raise HandinRefused(f"{path.name}: holds {len(learners)} learners ({names}); a hand-in "
                            "holds exactly one")
    learner_id, name = learners[0]
    for table, _ in MERGED_TABLES[1:]:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            continue
        other = conn.execute(f"SELECT count(*) FROM {table} WHERE learner_id IS NOT ?",
                             (learner_id,)).fetchone()[0]
        if other:
            raise HandinRefused(f"{path.name}: {other} rows of {table} belong to no learner in "
                                "the file")
    own = rollups.by_learner("coalesce(origin, '')")
    foreign = conn.execute(f"SELECT count(*) FROM attempts WHERE NOT {own}").fetchone()[0]
    if foreign:
        raise HandinRefused(f"{path.name}: holds {foreign} attempts that are not the learner's "
                            "own checks (a regrade's rows come only from the instructor)")
    if names_from_files and _normal(str(name)) not in _names_in(path):
        raise HandinRefused(f"{path.name}: the file is named for someone else than the learner "
                            f"it holds ('{name}')")
    return learner_id


@dataclass
class MergeReport:
    added: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    capped: int = 0  # attempts whose stored code was over the cap
    future: int = 0  # attempts dated after tomorrow: a clock set wrong, or a forged row

    @property
    def ok(self) -> bool:
        return not (self.conflicts or self.refused)


def merge(sources: list[Path], target: Path, names_from_files: bool = False) -> MergeReport:
    """Copy every row of the valid sources into `target`; rows carry global ids, so merging the
    same file twice adds nothing. A row whose id exists with other content is kept as it was
    and reported as a conflict; a refused file is named; nothing is overwritten or lost."""
    report = MergeReport({table: 0 for table, _ in MERGED_TABLES})
    conn = store.connect(target)
    try:
        with store.transaction(conn):
            for source in sources:
                try:
                    src = open_source(source)
                except HandinRefused as exc:
                    report.refused.append(str(exc))
                    continue
                try:
                    check_handin(src, source, names_from_files)
                    _merge_one(src, conn, source, report)
                except HandinRefused as exc:
                    report.refused.append(str(exc))
                except sqlite3.DatabaseError as exc:
                    report.refused.append(f"{source.name}: cannot be read ({exc})")
                finally:
                    src.close()
            rollups.recompute(conn)
    finally:
        conn.close()
    return report


def _capped(values: dict) -> dict:
    """An attempt whose code is over the cap is stored as a failed attempt without it."""
    code = values.get("code") or ""
    size = len(code.encode("utf-8", errors="replace"))
    if size <= CODE_CAP_BYTES:
        return values
    return dict(values, code="", passed=0, score=0.0, cases_passed=0, diagnosis=None,
                diagnosis_message=None, failing_case=None, error_kind="file",
                error_message=too_large(size).message)


def _merge_one(src, conn, source: Path, report: MergeReport) -> None:
    """One hand-in's rows. Its learner is the class's learner of the same name where there is
    one (the same person on two machines): their rows keep their own ids and join that
    learner's."""
    own_id, name = src.execute("SELECT id, name FROM learners").fetchone()
    known = conn.execute("SELECT id FROM learners WHERE name = ? ORDER BY created_at LIMIT 1",
                         (name,)).fetchone()
    same_as = known[0] if known and known[0] != own_id else None
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat(timespec="milliseconds")
    pending = []
    for table, key in MERGED_TABLES:
        source_columns = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
        if not source_columns:
            continue  # an older file without this table
        target_columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        columns = [c for c in source_columns if c in target_columns]
        key_columns = [k.strip() for k in key.split(",")]
        names = ", ".join(columns)
        for row in src.execute(f"SELECT {names} FROM {table}"):
            values = dict(zip(columns, row, strict=True))
            if same_as is not None:
                if table == "learners":
                    continue  # already in the class under their name
                values["learner_id"] = same_as
            if table == "attempts":
                report.future += str(values.get("created_at") or "") > tomorrow
                capped = _capped(values)
                report.capped += capped is not values
                values = capped
            pending.append((table, key_columns, columns, values))
    for table, key_columns, columns, values in pending:
        names = ", ".join(columns)
        where = " AND ".join(f"{k} = ?" for k in key_columns)
        existing = conn.execute(f"SELECT {names} FROM {table} WHERE {where}",
                                [values[k] for k in key_columns]).fetchone()
        row = tuple(values[c] for c in columns)
        if existing is None:
            conn.execute(f"INSERT INTO {table} ({names}) VALUES "
                         f"({', '.join('?' for _ in columns)})", row)
            report.added[table] += 1
        elif tuple(existing) != row and table != "openings":
            ident = ", ".join(str(values[k]) for k in key_columns)
            report.conflicts.append(f"{source.name}: {table} {ident} differs from the row "
                                    "already there; kept the existing one")


def forget(conn: sqlite3.Connection, name: str) -> int:
    """Remove one learner's data, roster row included (their code and their student id are
    personal data); returns the rows removed. Deleted pages are zeroed (secure_delete, which
    most SQLite builds leave off) and the file is rebuilt (VACUUM) and its WAL emptied, so no
    copy stays in free pages or the log."""
    ids = [r[0] for r in conn.execute("SELECT id FROM learners WHERE name = ?", (name,))]
    on_roster = conn.execute("SELECT 1 FROM roster WHERE name = ? UNION SELECT 1 FROM "
                             "overrides WHERE name = ?", (name, name)).fetchone()
    if not ids and not on_roster:
        raise LearnError(f"no learner called '{name}' in this database")
    removed = 0
    conn.execute("PRAGMA secure_delete = ON")
    with store.transaction(conn):
        for learner in ids:
            for table in store.LEARNER_TABLES:
                removed += conn.execute(f"DELETE FROM {table} WHERE learner_id = ?",
                                        (learner,)).rowcount
            removed += conn.execute("DELETE FROM learners WHERE id = ?", (learner,)).rowcount
        for table in ("roster", "overrides"):  # kept by name, not by learner id
            removed += conn.execute(f"DELETE FROM {table} WHERE name = ?", (name,)).rowcount
        rollups.recompute(conn)
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return removed


def override(conn: sqlite3.Connection, course, learner: str, step: str, score: float,
             comment: str, by_user: str) -> None:
    """Record an instructor's score for a learner's step (0 to 1 of its points), with why."""
    exercise = course.resolve(step)
    if not 0.0 <= score <= 1.0:
        raise LearnError("--score is the share of the step's points, from 0 to 1")
    if not comment.strip():
        raise LearnError("an override needs a reason: --comment \"...\"")
    known = conn.execute("SELECT 1 FROM learners WHERE name = ? UNION SELECT 1 FROM roster "
                         "WHERE name = ?", (learner, learner)).fetchone()
    if known is None:
        raise LearnError(f"no learner called '{learner}' in this database or its roster")
    with store.transaction(conn):
        conn.execute("INSERT INTO overrides VALUES (?, ?, ?, ?, ?, ?)",
                     (learner, exercise.id, score, comment.strip(), by_user, store.now()))


def import_roster(conn: sqlite3.Connection, path: Path) -> int:
    """roster.csv with columns name, student_id, email (a header row)."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            entries = list(csv.DictReader(handle))
    except OSError as exc:
        raise LearnError(f"{path}: cannot read ({exc.strerror})") from None
    if entries and "name" not in entries[0]:
        raise LearnError(f"{path}: the first row must name the columns: name,student_id,email")
    with store.transaction(conn):
        for entry in entries:
            conn.execute("INSERT INTO roster VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET "
                         "student_id = excluded.student_id, email = excluded.email",
                         (entry["name"].strip(), (entry.get("student_id") or "").strip(),
                          (entry.get("email") or "").strip()))
    return len(entries)

