"""Collecting a class: hand-in files (`learn submit`), merging them into a class database,
the roster, and forgetting a learner. No click here; grader/cli.py calls these.

A hand-in is hostile input, checked before any of it is merged: its schema exactly the one our
migrations make at its version (no view, trigger or table of its own: a view over a recursive
query or of zeroblobs would run in the merge), read with a time budget, its rows counted and
its values capped in SQL before they are fetched; one learner with a printable name, every row
theirs, only their own attempts (no regrade rows), and with `names_from_files` a file named by
the LMS for that learner (`learner_of_file`). A file that fails is refused whole and named; the
others still merge. So is the hand-in of a learner `forget` left a tombstone for. Stored code
is capped as at check time (a bigger file becomes a failed attempt that says so), a stored quiz
answer as at answer time (cut, and invalid).
"""

from __future__ import annotations

import csv
import glob
import hashlib
import hmac
import io
import multiprocessing
import os
import re
import signal
import sqlite3
import sys
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache, cached_property
from itertools import islice
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from grader.database import rollups, store
from grader.database.migrations import MIGRATIONS, RENUMBERED_IN_M009, m009_beyond_renumbered
from grader.errors import LearnError, StoreError
from grader.grading.grade import CODE_CAP_BYTES, too_large

MERGED_TABLES = store.HANDIN_TABLES
# Limits on what one hand-in may hold: far above any learner's work, far below what hurts.
READ_SECONDS = 10.0  # to open, check and read one file; an honest one takes milliseconds
PROGRESS_STEPS = 10_000  # SQLite steps between looks at the clock
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_ROWS = 100_000  # per table
MAX_VALUE_CHARS = 64 * 1024  # any stored text but code (capped apart) and quiz answers
MAX_NAME_CHARS = 200
MAX_ANSWER_CHARS = store.MAX_STORED_ANSWER
MAX_SCHEMA_OBJECTS = 200
VALUE_LIMIT_BYTES = 16 * 1024 * 1024  # SQLite refuses to load a bigger value (a corrupt record)


class HandinRefused(LearnError):
    """A hand-in that is not one learner's own work, as the merge requires."""


def open_source(path: Path, still: bool = False) -> sqlite3.Connection:
    """Another learner's database or hand-in file, opened read-only and checked. `still`: no
    one has it open (nothing beside it: no -wal, no -journal), so it is read as a file that
    does not change, without locks and without the -shm file a locked read of a WAL database
    leaves beside it; the caller makes sure it did not change meanwhile (`_stamp`)."""
    if not path.is_file():
        raise HandinRefused(f"{_label(path)}: no such file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise HandinRefused(f"{_label(path)}: {size // 2**20} MB, more than any learner's work "
                            f"(at most {MAX_FILE_BYTES // 2**20} MB); refused")
    try:
        uri = f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if still else "")
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.DatabaseError as exc:
        raise HandinRefused(f"{_label(path)}: not a readable SQLite database ({exc})") from None
    deadline = time.monotonic() + READ_SECONDS
    # Non-zero aborts the running statement ("interrupted"): every query on this file is timed.
    conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_LIMIT_BYTES)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")  # no function with side effects in its schema
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master LIMIT ?",
                               (MAX_SCHEMA_OBJECTS + 1,)).fetchall()
        if version == 0 or not any(o[:2] == ("table", "attempts") for o in objects):
            raise HandinRefused(f"{_label(path)}: not a learn-backprop database")
        if version > store.SCHEMA_VERSION:
            raise HandinRefused(f"{_label(path)} was written by a newer learn-backprop; "
                                "upgrade first")
        odd = _schema_differs(conn, objects, version)
        if odd:
            raise HandinRefused(f"{_label(path)}: its schema is not the one learn-backprop makes "
                                f"({odd}); refused")
    except HandinRefused:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise HandinRefused(_unreadable(path, exc)) from None
    return conn


def _label(path: Path) -> str:
    """A file's name as a refusal shows it: escaped if it holds anything unprintable (an LMS
    keeps part of the name the student gave the file)."""
    name = path.name
    return name if name.isprintable() else repr(name)


def _unreadable(path: Path, exc: sqlite3.Error) -> str:
    if "interrupt" in str(exc):
        return f"{_label(path)}: took too long to read (over {READ_SECONDS:g} s); refused"
    return f"{_label(path)}: not a readable SQLite database ({exc})"


# -- the schema a hand-in may have -----------------------------------------------------------

_AFFINITY = (("INT", "INTEGER"), ("CHAR", "TEXT"), ("CLOB", "TEXT"), ("TEXT", "TEXT"),
             ("BLOB", "BLOB"), ("REAL", "REAL"), ("FLOA", "REAL"), ("DOUB", "REAL"))
_ODD_TABLE = re.compile(r"\b(?:COLLATE|GENERATED|AS\s*\(|WITHOUT|STRICT|VIRTUAL)\b", re.I)


def _affinity(declared: str) -> str:
    """SQLite's rules: sqlite-utils wrote FLOAT before 4.0 and REAL since, the same to us."""
    upper = (declared or "").upper()
    return next((a for part, a in _AFFINITY if part in upper), "NUMERIC" if upper else "BLOB")


def _shape_of(conn: sqlite3.Connection, kind: str, name: str, table: str,
              sql: str | None) -> tuple:
    """What an object is, apart from how its SQL is spelt: a table's columns, an index's keys,
    a view's SQL (ours, written verbatim)."""
    if kind == "table":
        odd = sql is None or not re.match(r"\s*CREATE\s+TABLE\b", sql, re.I) or \
            bool(_ODD_TABLE.search(sql))
        columns = tuple((c[1], _affinity(c[2]), c[3], c[4], c[5], c[6])
                        for c in conn.execute(f'PRAGMA table_xinfo("{name}")'))
        return ("table", odd, columns)
    if kind == "index":
        listed = {r[1]: (r[2], r[3], r[4]) for r in conn.execute(f'PRAGMA index_list("{table}")')}
        keys = tuple(tuple(r[1:]) for r in conn.execute(f'PRAGMA index_xinfo("{name}")'))
        return ("index", table, listed.get(name), keys)
    return (kind, table, " ".join((sql or "").split()))


@cache
def expected_schema(version: int) -> tuple[frozenset, dict[str, tuple]]:
    """What our migrations make at `version`: its (type, name, tbl_name, sql) rows, and each
    object's shape (`_shape_of`). Built once per process, in memory, by the migrations."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrations = Migrations("learn-backprop")
        for migration in MIGRATIONS[:version]:
            migrations()(migration)
        migrations.apply(Database(conn, execute_plugins=False))
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        return frozenset(rows), {r[1]: _shape_of(conn, *r) for r in rows}
    finally:
        conn.close()


def _schema_differs(conn: sqlite3.Connection, objects: list[tuple], version: int) -> str:
    """'' if the file's schema is the one our migrations make at its version; else what is
    not (names escaped). The same SQL is the quick answer; another spelling of it (another
    sqlite-utils) is compared object by object."""
    if len(objects) > MAX_SCHEMA_OBJECTS:
        return f"more than {MAX_SCHEMA_OBJECTS} objects"
    rows, shapes = expected_schema(version)
    if frozenset(objects) == rows:
        return ""
    names = {o[1] for o in objects}
    if len(names) != len(objects):
        return "an object named twice"
    extra = sorted(str(n) for n in names - shapes.keys())
    if extra:
        kinds = {o[1]: o[0] for o in objects}
        return "has " + ", ".join(f"{kinds[n]} {n!r}"[:60] for n in extra[:3])
    missing = sorted(shapes.keys() - names)
    if missing:
        return "lacks " + ", ".join(missing[:3])
    for kind, name, table, sql in objects:
        if _shape_of(conn, kind, name, table, sql) != shapes[name]:
            return f"its {kind} {name!r} differs"[:80]
    return ""


# Refused in a name: C0 and C1 controls (a CR or an escape sequence rewrites the terminal
# line), line and paragraph separators, and bidi marks, embeddings, overrides and isolates
# (they reorder what is shown). Joiners (U+200C, U+200D) are letters' business and stay.
_BIDI = set("\u061c\u200e\u200f\u2028\u2029") | {chr(c) for c in range(0x202A, 0x202F)} | \
    {chr(c) for c in range(0x2066, 0x206A)}


def bad_name(name: object) -> bool:
    """A learner name a merge refuses: not text, empty, too long, or with a control or bidi
    character."""
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_CHARS:
        return True
    return any(ch in _BIDI or unicodedata.category(ch) == "Cc" for ch in name)


def _stamp(path: Path) -> tuple | None:
    """What changes when a file is written: its inode, size and time of change."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


# -- who a file is from, by the part of its name the LMS writes ------------------------------

CANVAS = re.compile(r"(?P<name>[^_]+)_(?:LATE_)?(?P<id>\d+)_\d+_.+", re.S)
MOODLE = re.compile(r"(?P<name>[^_]+)_(?P<id>\d+)_assignsubmission_file_(?P<rest>.*)", re.S)
GRADESCOPE = re.compile(r"submission_(?P<id>\d+)")
BY_HAND = re.compile(r"handin-(?P<name>.+)\.db", re.S)


def learner_of_file(path: Path) -> tuple[str, str | None] | None:
    """(learner name, LMS user id or None) as the LMS wrote them into the file's path, or None
    if it follows none of these patterns. Only the LMS's own part is read, never the name the
    student gave the file (`mallory_1002_5002_handin-alice.db` is mallory's):

    - Canvas: `<student>_<user id>_<submission id>_<the uploaded file's name>`, and
      `<student>_LATE_<user id>_<submission id>_<name>` for a late one;
    - Moodle: `<Full Name>_<participant id>_assignsubmission_file_<the uploaded file's name>`,
      or the file inside a folder named `<Full Name>_<participant id>_assignsubmission_file_`;
    - Gradescope's "Export Submissions": the file inside `submission_<id>/`, whose submitter
      `submission_metadata.yml` beside that folder names (`:name:`, `:sid:`);
    - a file the instructor collected by hand: `handin-<name>.db`.
    """
    name = path.name
    if (found := MOODLE.fullmatch(name)) is not None:
        return found["name"], found["id"]
    if (found := CANVAS.fullmatch(name)) is not None:
        return found["name"], found["id"]
    folder = path.parent.name
    if (found := MOODLE.fullmatch(folder)) is not None and not found["rest"]:
        return found["name"], found["id"]
    if GRADESCOPE.fullmatch(folder) is not None:
        return _gradescope_submitter(path.parent.parent / "submission_metadata.yml", folder)
    if (found := BY_HAND.fullmatch(name)) is not None:
        return found["name"], None
    return None


def _gradescope_submitter(metadata: Path, folder: str) -> tuple[str, str | None] | None:
    """The first submitter of `folder` in Gradescope's submission_metadata.yml: read line by
    line (`submission_123:` at the left margin, then `:name:` and `:sid:` under it), so no
    YAML library is needed and nothing in it is evaluated."""
    try:
        lines = metadata.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    inside, name, sid = False, None, None
    for line in lines:
        if line and not line[0].isspace():
            if inside:
                break
            inside = line.strip() == f"{folder}:"
            continue
        field_ = line.strip().lstrip("- ").strip()
        if inside and field_.startswith(":name:") and name is None:
            name = field_.removeprefix(":name:").strip().strip("'\"")
        elif inside and field_.startswith(":sid:") and sid is None:
            sid = field_.removeprefix(":sid:").strip().strip("'\"") or None
    return (name, sid) if name else None


def _normal(name: str) -> str:
    """A name as compared with the one an LMS writes: letters and digits, lower case, accents
    dropped (Canvas writes "jose" for José); a name with no Latin letter keeps its own."""
    folded = unicodedata.normalize("NFKD", name).casefold()
    latin = re.sub(r"[^0-9a-z]", "", folded)
    return latin or "".join(ch for ch in folded if ch.isalnum())


def named_for(path: Path, name: str, roster: dict[str, str]) -> bool:
    """Whether the LMS's part of the file's path names this learner: by name, or by the LMS
    user id where the roster's student_id holds it."""
    found = learner_of_file(path)
    if found is None:
        return False
    lms_name, lms_id = found
    if _normal(lms_name) == _normal(name):
        return True
    return lms_id is not None and roster.get(lms_id) == name


def check_handin(conn: sqlite3.Connection, path: Path, names_from_files: bool = False,
                 roster: dict[str, str] | None = None) -> str:
    """The one learner a hand-in holds (their id); HandinRefused, naming the file, if not."""
    label = _label(path)
    if conn.execute("SELECT count(*) FROM (SELECT 1 FROM learners LIMIT 2)").fetchone()[0] != 1:
        learners = conn.execute("SELECT substr(name, 1, 40) FROM learners LIMIT 5").fetchall()
        count = conn.execute("SELECT count(*) FROM learners").fetchone()[0]
        names = ", ".join(sorted(repr(n) if not str(n).isprintable() else str(n)
                                 for n, in learners))
        raise HandinRefused(f"{label}: holds {count} learners ({names}); a hand-in "
                            "holds exactly one")
    learner_id, name = conn.execute(
        f"SELECT substr(id, 1, {MAX_NAME_CHARS + 1}), substr(name, 1, {MAX_NAME_CHARS + 1}) "
        "FROM learners").fetchone()
    if bad_name(name):
        raise HandinRefused(f"{label}: its learner's name {str(name)[:80]!r} is empty, too long "
                            "or holds control or bidi characters; refused")
    if not isinstance(learner_id, str) or len(learner_id) > MAX_NAME_CHARS or \
            not learner_id.isprintable():
        raise HandinRefused(f"{label}: its learner's id {str(learner_id)[:80]!r} is not one "
                            "learn-backprop writes; refused")
    for table, _ in MERGED_TABLES[1:]:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            continue
        other = conn.execute(f"SELECT count(*) FROM {table} WHERE learner_id IS NOT ?",
                             (learner_id,)).fetchone()[0]
        if other:
            raise HandinRefused(f"{label}: {other} rows of {table} belong to no learner in "
                                "the file")
    own = rollups.by_learner("coalesce(origin, '')")
    foreign = conn.execute(f"SELECT count(*) FROM attempts WHERE NOT {own}").fetchone()[0]
    if foreign:
        raise HandinRefused(f"{label}: holds {foreign} attempts that are not the learner's "
                            "own checks (a regrade's rows come only from the instructor)")
    if names_from_files and not named_for(path, name, roster or {}):
        if learner_of_file(path) is None:
            raise HandinRefused(f"{label}: the file name is not one an LMS writes (Canvas, "
                                "Moodle, Gradescope) nor handin-NAME.db, so it names no learner")
        raise HandinRefused(f"{label}: the file is named for someone else than the learner "
                            f"it holds ({name!r})")
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


# -- the merge -------------------------------------------------------------------------------
#
#   sources ──▶ Reader (for a big class, in worker processes, one per core): open read-only,
#               check, read the rows, cap the code, and roll the rows up on their own
#           ──▶ _Writer (this process, in the order given): the hand-ins of learners new to the
#               class GROUP at a time in one savepoint, any other (or a group that met a row
#               already there) one at a time in its own; a commit about every BATCH_SECONDS
#
# The rollups are kept as `learn check` keeps them, in the transaction that writes the rows, so
# every commit leaves them equal to `rollups.recompute` (its float sum, seconds_to_pass_total,
# up to the order of the additions). What one learner's rows add up to is worked out apart, by
# rollups.recompute itself in a scratch database (`_Scratch`); it is added as it is for a
# learner new to the class, and swapped for what that learner added before otherwise (the same
# learner again, or on a second machine). This rests on the shape of the rollup tables: one with
# a learner_id column holds rows of that learner only, and every other one holds sums over the
# learners (counts, and the one float sum) under its key.

BATCH_SECONDS = 5.0  # a commit rewrites every index page touched since the last one: not too
#                     often; a longer transaction keeps others waiting, and Ctrl-C loses it
GROUP = 64  # hand-ins written together (when every row of theirs is new)
POOL_FROM = 64  # fewer hand-ins are read in this process: starting the workers costs more
CACHE_MB = 256  # the class's indexes stay in memory: a uuid key lands on a random page each row
CHUNK = 16  # hand-ins per task of a worker
AHEAD = 8  # tasks queued per worker: enough to keep them busy, not the whole class in memory
SCRATCH_TABLES = ("attempts", "hints", "quiz_answers", "openings", "verified")


@dataclass(frozen=True)
class RollupTable:
    columns: tuple[str, ...]
    key: tuple[str, ...]
    counts: tuple[str, ...]  # its integer columns besides the key: all 0, the row is not there
    per_learner: bool

    @cached_property
    def sums(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.key)

    @cached_property
    def sums_at(self) -> frozenset[int]:
        """Where the columns besides the key are in one of its rows."""
        return frozenset(self.columns.index(c) for c in self.sums)


@dataclass(frozen=True)
class ClassShape:
    """What the merge needs to know of the class database, read once and handed to the readers:
    the columns a hand-in's rows may fill, the statements that make a scratch database of the
    same tables, and the rollup tables' keys."""

    columns: dict[str, tuple[str, ...]]
    schema: tuple[str, ...]
    rollup_tables: dict[str, RollupTable]
    roster: dict[str, str] = field(default_factory=dict)  # student id: name

    @classmethod
    def of(cls, conn: sqlite3.Connection) -> ClassShape:
        def info(table: str) -> list[tuple]:
            return conn.execute(f"PRAGMA table_info({table})").fetchall()

        columns = {table: tuple(r[1] for r in info(table)) for table, _ in MERGED_TABLES}
        wanted = (*SCRATCH_TABLES, *rollups.ROLLUP_TABLES)
        schema = tuple(r[0] for r in conn.execute(
            f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN "
            f"({', '.join('?' for _ in wanted)})", wanted))
        tables = {}
        for table in rollups.ROLLUP_TABLES:
            rows = info(table)
            if not rows:
                continue  # not in this schema (recompute leaves it out as well)
            key = tuple(r[1] for r in sorted((r for r in rows if r[5]), key=lambda r: r[5]))
            tables[table] = RollupTable(
                columns=tuple(r[1] for r in rows), key=key,
                counts=tuple(r[1] for r in rows if r[1] not in key and r[2].upper() == "INTEGER"),
                per_learner=any(r[1] == "learner_id" for r in rows))
        roster = dict(conn.execute("SELECT student_id, name FROM roster WHERE student_id != ''"))
        expected_schema(store.SCHEMA_VERSION)  # built here, so forked readers have it
        return cls(columns, schema, tables, roster)


def _insert(table: str, columns: tuple[str, ...], skip: bool = True) -> str:
    """INSERT of rows with these columns; `skip`: a row whose key is there already is left
    out (rowcount tells), while a row breaking another rule still raises."""
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
            f"({', '.join('?' for _ in columns)})" + (" ON CONFLICT DO NOTHING" if skip else ""))


Rows = dict[str, tuple[tuple[str, ...], list[tuple]]]  # table: (columns, rows)


class _Scratch:
    """An in-memory database with the class's tables, where one learner's rows are rolled up on
    their own by `rollups.recompute`: what that learner adds to each rollup table. Rolled back
    after, so one scratch serves every hand-in."""

    def __init__(self, shape: ClassShape):
        self.tables = tuple(shape.rollup_tables)
        self.conn = sqlite3.connect(":memory:", isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = OFF")  # no learners table here
        for sql in shape.schema:
            self.conn.execute(sql)

    def rollups(self, rows: Rows) -> dict[str, list[tuple]]:
        conn = self.conn
        conn.execute("BEGIN")
        try:
            for table, (columns, values) in rows.items():
                if table in SCRATCH_TABLES:
                    conn.executemany(_insert(table, columns), values)
            rollups.recompute(conn)
            return {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in self.tables}
        finally:
            conn.execute("ROLLBACK")


@dataclass
class Handin:
    """A hand-in read and checked, ready to merge: its rows (in the columns the class has, code
    over the cap already replaced) and what they add up to in each rollup table on their own."""

    path: Path
    learner_id: str
    name: str
    rows: Rows
    rollups: dict[str, list[tuple]]
    capped: int = 0
    future: int = 0


class Reader:
    """Opens, checks and reads one hand-in at a time: a Handin, or why it is refused (one line
    naming the file). Runs in the merging process, or in each worker of a pool."""

    def __init__(self, shape: ClassShape, names_from_files: bool, tomorrow: str):
        self.shape = shape
        self.names_from_files = names_from_files
        self.tomorrow = tomorrow
        self.scratch = _Scratch(shape)

    def __call__(self, path: Path) -> Handin | str:
        stamp = _stamp(path)
        still = stamp is not None and not any(
            path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal"))
        read = self._read(path, still)
        if still and _stamp(path) != stamp:  # written while it was read: again, with locks
            read = self._read(path, False)
        if isinstance(read, str):
            return read
        learner_id, name, rows, capped, future = read
        try:
            own = self.scratch.rollups(rows)
        except sqlite3.DatabaseError as exc:  # a row the class's schema rejects
            return f"{_label(path)}: cannot be merged ({exc})"
        return Handin(path, learner_id, name, rows, own, capped, future)

    def _read(self, path: Path, still: bool) -> tuple | str:
        try:
            src = open_source(path, still)
        except HandinRefused as exc:
            return str(exc)
        try:
            learner_id = check_handin(src, path, self.names_from_files, self.shape.roster)
            name = src.execute(f"SELECT substr(name, 1, {MAX_NAME_CHARS}) FROM learners"
                               ).fetchone()[0]
            return (learner_id, name, *self._rows(src, path))
        except HandinRefused as exc:
            return str(exc)
        except sqlite3.DatabaseError as exc:
            return _unreadable(path, exc) if "interrupt" in str(exc) else \
                f"{_label(path)}: cannot be read ({exc})"
        finally:
            src.close()

    def _rows(self, src: sqlite3.Connection, path: Path) -> tuple[Rows, int, int]:
        rows: Rows = {}
        capped = future = 0
        version = src.execute("PRAGMA user_version").fetchone()[0]
        # A hand-in written before stage G came in has Beyond's steps under their old ids.
        renamed = RENUMBERED_IN_M009 if version < MIGRATIONS.index(m009_beyond_renumbered) + 1 \
            else {}
        for table, key in MERGED_TABLES:
            source_columns = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            if not source_columns:
                continue  # an older file without this table
            columns = tuple(c for c in source_columns if c in self.shape.columns[table])
            keys = []
            for k in (k.strip() for k in key.split(",")):
                if k not in columns:
                    raise HandinRefused(f"{_label(path)}: its {table} table has no {k} column")
                keys.append(columns.index(k))
            values, sizes = _capped_rows(src, path, table, columns)
            if any(row[i] is None for row in values for i in keys):
                raise HandinRefused(f"{_label(path)}: rows of {table} without their {key}")
            if table == "attempts":
                values, capped, future = self._attempts(columns, values, sizes)
            elif table == "quiz_answers":
                values = _cut_answers(columns, values, sizes)
            step = next((columns.index(c) for c in ("exercise_id", "quiz_id") if c in columns),
                        None)
            if renamed and step is not None:
                values = [(*row[:step], renamed.get(row[step], row[step]), *row[step + 1:])
                          for row in values]
            rows[table] = (columns, values)
        return rows, capped, future

    def _attempts(self, columns: tuple[str, ...], values: list[tuple],
                  sizes: list) -> tuple[list, int, int]:
        """The attempts as the class stores them (code over the cap replaced), with how many
        were capped and how many are dated after tomorrow. `sizes`: each row's code in bytes,
        measured in SQL (the code itself was not fetched when over the cap)."""
        created = columns.index("created_at") if "created_at" in columns else None
        capped = future = 0
        kept = []
        for row, size in zip(values, sizes, strict=True):
            if created is not None:
                future += str(row[created] or "") > self.tomorrow
            if size is not None and size > CODE_CAP_BYTES:
                capped += 1
                smaller = _capped(dict(zip(columns, row, strict=True)), size)
                row = tuple(smaller[c] for c in columns)
            kept.append(row)
        return kept, capped, future


def _capped_rows(src: sqlite3.Connection, path: Path, table: str,
                 columns: tuple[str, ...]) -> tuple[list[tuple], list]:
    """A table's rows with every value capped in SQL, so nothing big is ever fetched: rows
    counted first; attempts' code over the cap not fetched (its size in bytes is, in the second
    list); quiz answers cut to MAX_ANSWER_CHARS (the second list says which were longer); any
    other value over its cap refuses the file."""
    count = src.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if count > MAX_ROWS:
        raise HandinRefused(f"{_label(path)}: {count} rows in {table}, more than any learner "
                            f"makes (at most {MAX_ROWS}); refused")
    select, over, extra = [], [], "NULL"
    for column in columns:
        if (table, column) == ("attempts", "code"):
            size = "length(CAST(code AS BLOB))"
            select.append(f"iif({size} > {CODE_CAP_BYTES}, NULL, code)")
            extra = size
        elif (table, column) == ("quiz_answers", "answer"):
            select.append(f"substr(answer, 1, {MAX_ANSWER_CHARS})")
            extra = f"length(answer) > {MAX_ANSWER_CHARS}"
        else:
            cap = MAX_NAME_CHARS if (table, column) == ("learners", "name") else MAX_VALUE_CHARS
            select.append(f"iif(length({column}) > {cap}, NULL, {column})")
            over.append(f"length({column}) > {cap}")
    flag = f"coalesce({' OR '.join(over)}, 0)" if over else "0"
    rows = src.execute(f"SELECT {', '.join(select)}, {flag}, {extra} FROM {table} "
                       f"LIMIT {MAX_ROWS}").fetchall()
    width = len(columns)
    if any(row[width] for row in rows):
        raise HandinRefused(f"{_label(path)}: a value in {table} is longer than any learner "
                            f"writes (at most {MAX_VALUE_CHARS} characters); refused")
    return [row[:width] for row in rows], [row[width + 1] for row in rows]


def _cut_answers(columns: tuple[str, ...], values: list[tuple], long: list) -> list[tuple]:
    """A quiz answer longer than anyone can type is stored cut and invalid: a stored answer is
    never longer than a typed one may be."""
    if not any(long):
        return values
    reset = {"valid": 0, "correct": 0, "misconception": None}
    at = {columns.index(c): v for c, v in reset.items() if c in columns}
    return [tuple(at.get(i, v) for i, v in enumerate(row)) if cut else row
            for row, cut in zip(values, long, strict=True)]


def _capped(values: dict, size: int) -> dict:
    """An attempt whose code is over the cap is stored as a failed attempt without it."""
    return dict(values, code="", passed=0, score=0.0, cases_passed=0, diagnosis=None,
                diagnosis_message=None, failing_case=None, error_kind="file",
                error_message=too_large(size).message)


class _NotAllNew(Exception):
    """Some row of hand-ins merged together was in the class already."""


class _Writer:
    """Merges read hand-ins into the class database, in the caller's transaction: each in its
    own savepoint, so a hand-in with a row the schema rejects is refused whole. The rollup rows
    of a learner are written with their rows; the sums over learners gather here and are
    written by `flush`, once per batch (the caller flushes before it commits)."""

    def __init__(self, conn: sqlite3.Connection, shape: ClassShape, report: MergeReport):
        self.conn = conn
        self.shape = shape
        self.report = report
        self.scratch = _Scratch(shape)
        self.statements: dict[tuple, str] = {}
        self.sums = [t for t, s in shape.rollup_tables.items() if not s.per_learner]
        for table in self.sums:
            conn.execute(f"DROP TABLE IF EXISTS temp.merging_{table}")
            conn.execute(f"CREATE TEMP TABLE merging_{table} AS SELECT * FROM main.{table} "
                         "WHERE false")
        self.taken: set[str] = set()  # tables with sums taken away: rows may come to 0

    def statement(self, table: str, columns: tuple[str, ...], skip: bool = True) -> str:
        key = (table, columns, skip)
        if key not in self.statements:
            self.statements[key] = _insert(table, columns, skip)
        return self.statements[key]

    def merge(self, handins: list[Handin]) -> None:
        """Several hand-ins, in order. Those of learners new to the class (and named once
        among them) go in together, in one savepoint, the common case of a first merge: if
        any of their rows is there already or breaks a rule, that is undone and each goes in
        on its own, as the rest do."""
        fresh = self.fresh(handins)
        done = {id(h) for h in fresh} if fresh and self.together(fresh) else set()
        for handin in handins:
            if id(handin) not in done:
                self.one(handin)

    def fresh(self, handins: list[Handin]) -> list[Handin]:
        """The hand-ins whose learner is new to the class, by name and by id, and named once
        among these."""
        names = Counter(h.name for h in handins)
        ids = Counter(h.learner_id for h in handins)
        known: dict[str, set] = {"name": set(), "id": set()}
        for column, values in (("name", list(names)), ("id", list(ids))):
            for start in range(0, len(values), 500):
                chunk = values[start:start + 500]
                known[column].update(r[0] for r in self.conn.execute(
                    f"SELECT {column} FROM learners WHERE {column} IN "
                    f"({', '.join('?' for _ in chunk)})", chunk))
        return [h for h in handins if names[h.name] == 1 and ids[h.learner_id] == 1
                and h.name not in known["name"] and h.learner_id not in known["id"]]

    def together(self, handins: list[Handin]) -> bool:
        """Every row and rollup row of these new learners in one go: False (nothing written)
        if any row was there already or broke a rule."""
        conn = self.conn
        conn.execute("SAVEPOINT together")
        try:
            for table, _ in MERGED_TABLES:
                groups: dict[tuple[str, ...], list[tuple]] = {}
                for handin in handins:
                    if table in handin.rows:
                        columns, rows = handin.rows[table]
                        groups.setdefault(columns, []).extend(rows)
                for columns, rows in groups.items():
                    if conn.executemany(self.statement(table, columns), rows).rowcount \
                            != len(rows):
                        raise _NotAllNew
            for table, shape in self.shape.rollup_tables.items():
                if shape.per_learner:
                    rows = [row for h in handins for row in h.rollups[table]]
                    if rows:
                        conn.executemany(self.statement(table, shape.columns, False), rows)
        except (_NotAllNew, sqlite3.IntegrityError, sqlite3.DataError, sqlite3.InterfaceError):
            conn.execute("ROLLBACK TO together")
            conn.execute("RELEASE together")
            return False
        conn.execute("RELEASE together")
        self.gather([handin.rollups for handin in handins])
        for handin in handins:
            for table, (_, rows) in handin.rows.items():
                self.report.added[table] += len(rows)
            self.report.capped += handin.capped
            self.report.future += handin.future
        return True

    def one(self, handin: Handin) -> None:
        """One hand-in's rows. Its learner is the class's learner of the same name where there
        is one (the same person on two machines): their rows keep their own ids and join that
        learner's."""
        conn = self.conn
        known = conn.execute("SELECT id FROM learners WHERE name = ? ORDER BY created_at "
                             "LIMIT 1", (handin.name,)).fetchone()
        if known is None:
            owner = conn.execute("SELECT name FROM learners WHERE id = ?",
                                 (handin.learner_id,)).fetchone()
            if owner is not None:  # someone else's id under a new name: rows for them
                self.report.refused.append(
                    f"{handin.path.name}: its learner '{handin.name}' has the id of '{owner[0]}' "
                    "in the class; a hand-in adds rows only to its own learner")
                return
        learner = known[0] if known else handin.learner_id
        there = known is not None or conn.execute(
            "SELECT 1 FROM learners WHERE id = ?", (learner,)).fetchone() is not None
        changes: list[tuple[dict[str, list[tuple]], int]] = []
        conn.execute("SAVEPOINT handin")
        try:
            added, conflicts, whole = self.insert(handin, learner)
            if not there and whole:  # a learner new to the class, every row of theirs new
                self.own_rows(learner, handin.rollups, new=True)
                changes.append((handin.rollups, 1))
            elif any(added.values()):
                before = {}
                if there:  # what they added up to before: read with the new rows undone
                    conn.execute("ROLLBACK TO handin")
                    before = self.scratch.rollups(self.rows_of(learner))
                    added, conflicts, whole = self.insert(handin, learner)
                after = self.scratch.rollups(self.rows_of(learner))
                self.own_rows(learner, after, new=False)
                changes += [(before, -1), (after, 1)]
        except (sqlite3.IntegrityError, sqlite3.DataError, sqlite3.InterfaceError) as exc:
            conn.execute("ROLLBACK TO handin")
            conn.execute("RELEASE handin")
            self.report.refused.append(f"{handin.path.name}: cannot be merged ({exc})")
            return
        conn.execute("RELEASE handin")
        for rollup, sign in changes:
            self.gather([rollup], sign)
        for table, count in added.items():
            self.report.added[table] += count
        self.report.conflicts += conflicts
        self.report.capped += handin.capped
        self.report.future += handin.future

    def insert(self, handin: Handin, learner: str) -> tuple[dict[str, int], list[str], bool]:
        """(rows added per table, conflicts, whether every row was added as it came). A row
        whose id another learner's row holds goes in under an id of its own (`rekey`): ids are
        one learner's, so a hand-in reusing someone's ids never displaces their rows."""
        added, conflicts, whole = {}, [], True
        moved: dict[object, str] = {}  # attempt ids re-keyed: the answers follow them
        for table, key in MERGED_TABLES:
            if table not in handin.rows:
                continue
            columns, rows = handin.rows[table]
            if learner != handin.learner_id:
                if table == "learners":
                    continue  # already in the class under their name
                at = columns.index("learner_id")
                rows = [(*row[:at], learner, *row[at + 1:]) for row in rows]
            if moved and "attempt_id" in columns:
                at = columns.index("attempt_id")
                rows = [(*row[:at], moved.get(row[at], row[at]), *row[at + 1:]) for row in rows]
            count = self.conn.executemany(self.statement(table, columns), rows).rowcount
            if count != len(rows) and key == "id" and "learner_id" in columns:
                rows, renamed = self.rekey(table, columns, rows, learner)
                if renamed:
                    whole = False  # the rollups are recomputed from the class's rows
                    if table == "attempts":
                        moved.update(renamed)
                    fresh, at = set(renamed.values()), columns.index("id")
                    count += self.conn.executemany(
                        self.statement(table, columns),
                        [row for row in rows if row[at] in fresh]).rowcount
            added[table] = count
            if count != len(rows):
                whole = False
                if table != "openings":
                    conflicts += self.differing(handin.path.name, table, key, columns, rows)
        return added, conflicts, whole

    def rekey(self, table: str, columns: tuple[str, ...], rows: list[tuple],
              learner: str) -> tuple[list[tuple], dict[object, str]]:
        """The rows, those whose id is another learner's row in the class given an id made
        from (learner, id): the same each merge, so merging the file again adds nothing.
        IntegrityError (the hand-in is refused) if that id is someone else's too."""
        at, of = columns.index("id"), columns.index("learner_id")
        owners: dict[object, object] = {}
        ids = [row[at] for row in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            owners.update(self.conn.execute(
                f"SELECT id, learner_id FROM {table} WHERE id IN "
                f"({', '.join('?' for _ in chunk)})", chunk))
        renamed: dict[object, str] = {}
        for row in rows:
            if row[at] in owners and owners[row[at]] != row[of]:
                renamed[row[at]] = hashlib.sha256(
                    f"{learner}\0{table}\0{row[at]}".encode()).hexdigest()[:32]
        if not renamed:
            return rows, renamed
        taken = list(renamed.values())
        for start in range(0, len(taken), 500):
            chunk = taken[start:start + 500]
            if self.conn.execute(f"SELECT 1 FROM {table} WHERE id IN "
                                 f"({', '.join('?' for _ in chunk)}) AND learner_id IS NOT ? "
                                 "LIMIT 1", [*chunk, learner]).fetchone():
                raise sqlite3.IntegrityError(f"its {table} ids are other learners' rows' ids, "
                                             "even when made its own")
        return [(*row[:at], renamed[row[at]], *row[at + 1:]) if row[at] in renamed else row
                for row in rows], renamed

    def differing(self, name: str, table: str, key: str, columns: tuple[str, ...],
                  rows: list[tuple]) -> list[str]:
        """A row whose id is there already with other content is kept as it was: named here."""
        at = columns.index(key)
        names = ", ".join(columns)
        ids = list({row[at] for row in rows})
        there = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for found in self.conn.execute(f"SELECT {names} FROM {table} WHERE {key} IN "
                                           f"({', '.join('?' for _ in chunk)})", chunk):
                there[found[at]] = found
        found = []
        for row in rows:
            existing = there.get(row[at])
            if existing is None:
                existing = self.conn.execute(f"SELECT {names} FROM {table} WHERE {key} = ?",
                                             (row[at],)).fetchone()
            if existing is not None and tuple(existing) != row:
                found.append(f"{name}: {table} {row[at]} differs from the row already there; "
                             "kept the existing one")
        return found

    def rows_of(self, learner: str) -> Rows:
        """Every row of one learner in the class database, for the scratch."""
        rows: Rows = {}
        for table in SCRATCH_TABLES:
            cursor = self.conn.execute(f"SELECT * FROM {table} WHERE learner_id = ?", (learner,))
            rows[table] = (tuple(d[0] for d in cursor.description), cursor.fetchall())
        return rows

    def own_rows(self, learner: str, rollup: dict[str, list[tuple]], new: bool) -> None:
        """The learner's own rows of the per-learner rollup tables, as `rollup` has them."""
        for table, shape in self.shape.rollup_tables.items():
            if shape.per_learner:
                if not new:
                    self.conn.execute(f"DELETE FROM {table} WHERE learner_id = ?", (learner,))
                if rollup[table]:
                    self.conn.executemany(self.statement(table, shape.columns, False),
                                          rollup[table])

    def gather(self, rollups_: list[dict[str, list[tuple]]], sign: int = 1) -> None:
        """Add (sign 1) or take away (-1) learners' parts of the sums over learners: into a
        temporary table per sum table, in the transaction, summed up by `flush`."""
        for table in self.sums:
            rows = [row for rollup in rollups_ for row in rollup.get(table, ())]
            if not rows:
                continue
            shape = self.shape.rollup_tables[table]
            if sign < 0:
                self.taken.add(table)
                at = shape.sums_at
                rows = [tuple(-v if i in at else v for i, v in enumerate(row)) for row in rows]
            self.conn.executemany(f"INSERT INTO temp.merging_{table} VALUES "
                                  f"({', '.join('?' for _ in shape.columns)})", rows)

    def flush(self) -> None:
        """Write the gathered sums: added to the rows there, and a row whose counts all come
        to 0 deleted (recompute makes none)."""
        for table in self.sums:
            shape = self.shape.rollup_tables[table]
            key, sums = ", ".join(shape.key), shape.sums
            self.conn.execute(
                f"INSERT INTO main.{table} ({key}, {', '.join(sums)}) "
                f"SELECT {key}, {', '.join(f'sum({c})' for c in sums)} "
                f"FROM temp.merging_{table} WHERE true GROUP BY {key} "
                f"HAVING {' OR '.join(f'sum({c}) != 0' for c in sums)} "
                f"ON CONFLICT ({key}) DO UPDATE SET "
                + ", ".join(f"{c} = {c} + excluded.{c}" for c in sums))
            if table in self.taken:
                self.conn.execute(
                    f"DELETE FROM main.{table} WHERE ({key}) IN (SELECT {key} FROM "
                    f"temp.merging_{table}) AND "
                    + " AND ".join(f"{c} = 0" for c in shape.counts or sums))
            self.conn.execute(f"DELETE FROM temp.merging_{table}")
        self.taken.clear()


_reader: Reader | None = None  # a pool worker's


def _start_reader(shape: ClassShape, names_from_files: bool, tomorrow: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the merging process to handle
    global _reader
    _reader = Reader(shape, names_from_files, tomorrow)


def _read_some(paths: list[Path]) -> list[Handin | str]:
    return [_reader(path) for path in paths]


@contextmanager
def _readings(sources: list[Path], reader: tuple, jobs: int) -> Iterator[Iterator]:
    """Each source read (a Handin, or why it is refused), in the order given: here, or by
    `jobs` worker processes reading ahead while this process writes."""
    workers = None
    if jobs > 1 and len(sources) >= POOL_FROM:
        # fork where it is safe (Linux): the workers start at once, without importing again
        method = "fork" if sys.platform == "linux" else "spawn"
        try:
            workers = ProcessPoolExecutor(jobs, multiprocessing.get_context(method),
                                          _start_reader, reader)
        except (OSError, NotImplementedError):  # no processes or semaphores here
            workers = None
    if workers is None:
        read = Reader(*reader)
        yield (read(path) for path in sources)
        return
    try:
        yield _in_order(workers, jobs, sources)
    finally:
        workers.shutdown(wait=True, cancel_futures=True)


def _in_order(workers, jobs: int, sources: list[Path]) -> Iterator[Handin | str]:
    tasks = iter([sources[i:i + CHUNK] for i in range(0, len(sources), CHUNK)])
    pending = deque(workers.submit(_read_some, task) for task in islice(tasks, AHEAD * jobs))
    while pending:
        done = pending.popleft().result()  # a worker that died raises BrokenProcessPool
        task = next(tasks, None)
        if task is not None:
            pending.append(workers.submit(_read_some, task))
        yield from done


def merge(sources: list[Path], target: Path, names_from_files: bool = False,
          progress: Callable[[int, int], None] | None = None,
          jobs: int | None = None) -> MergeReport:
    """Copy every row of the valid sources into `target`, in one pass; rows carry global ids,
    so merging the same file twice adds nothing. A row whose id exists with other content is
    kept as it was and reported as a conflict; a refused file is named; nothing is overwritten
    or lost, and no hand-in is merged in part. Commits about every BATCH_SECONDS, the rollups
    current at each: an interrupted merge keeps what it committed, and a rerun adds the rest.
    `progress(done, total)` after each source; `jobs` readers at once (default: the cores)."""
    report = MergeReport({table: 0 for table, _ in MERGED_TABLES})
    conn = store.connect(target)
    try:
        conn.execute(f"PRAGMA cache_size = -{CACHE_MB * 1024}")
        shape = ClassShape.of(conn)
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat(timespec="milliseconds")
        writer = _Writer(conn, shape, report)
        tombstones = Tombstones(conn)
        jobs = jobs or os.cpu_count() or 1
        with _readings(list(sources), (shape, names_from_files, tomorrow), jobs) as readings:
            began, waiting = 0.0, []
            for done, reading in enumerate(readings, 1):
                if isinstance(reading, str):
                    report.refused.append(reading)
                elif (day := tombstones.of(reading)) is not None:
                    report.refused.append(f"{_label(reading.path)}: this learner was forgotten "
                                          f"on {day} (learn forget); not merged")
                else:
                    waiting.append(reading)
                if len(waiting) >= GROUP or (waiting and done == len(sources)):
                    if not conn.in_transaction:
                        conn.execute("BEGIN IMMEDIATE")
                        began = time.monotonic()
                    writer.merge(waiting)
                    waiting = []
                    if time.monotonic() - began >= BATCH_SECONDS:
                        writer.flush()
                        conn.execute("COMMIT")
                if progress is not None:
                    progress(done - len(waiting), len(sources))
        if conn.in_transaction:
            writer.flush()
            conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"{target}: {store.explain_error(exc)}") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return report


# -- forgetting a learner -------------------------------------------------------------------

FORGET_WAIT_SECONDS = 10.0  # for another program reading the database to finish


class Tombstones:
    """Who was forgotten in this database (`forget`): their identities as keyed hashes, so a
    merge can refuse them without the database holding a name, an id or an email in clear."""

    def __init__(self, conn: sqlite3.Connection):
        row = conn.execute("SELECT salt FROM forgotten_salt").fetchone()
        self.salt = row[0] if row else None
        self.days = dict(conn.execute("SELECT digest, forgotten_on FROM forgotten"))

    def digest(self, value: str) -> str:
        # Compared as names_from_files compares names (Canvas writes "jose" for José).
        identity = _normal(value) or value.strip().casefold()
        return hmac.new(self.salt.encode(), identity.encode(), "sha256").hexdigest()

    def day(self, *values: str | None) -> str | None:
        """The day any of these identities was forgotten, or None."""
        if self.salt is None:
            return None
        days = [self.days.get(self.digest(v)) for v in values if v and v.strip()]
        return min((d for d in days if d), default=None)

    def of(self, handin: Handin) -> str | None:
        """The day the learner of this hand-in was forgotten: by the name and id in the file,
        or the name and user id its LMS wrote into the file's path."""
        return self.day(handin.name, handin.learner_id, *(learner_of_file(handin.path) or ()))


@dataclass(frozen=True)
class Forgotten:
    removed: int  # rows
    earlier: str | None  # the day they were forgotten before this, if they were
    copies: list[Path]  # upgrade backups beside the database, made before this forget


def forget(conn: sqlite3.Connection, name: str,
           waiting: Callable[[float], None] | None = None) -> Forgotten:
    """Remove one learner's data, roster row and overrides included (their code, student id and
    email are personal data), and leave a tombstone (`Tombstones`) so that no later merge
    brings them back. Done only when no copy is left: deleted pages zeroed (secure_delete),
    the file rebuilt without free pages (VACUUM), and its WAL copied back and emptied
    (checkpoint TRUNCATE). Another program reading the database holds the last step up: it is
    waited for (`waiting(seconds)` is told), and if it stays, StoreError says what is left."""
    path = Path(conn.execute("PRAGMA database_list").fetchone()[2])
    ids = [r[0] for r in conn.execute("SELECT id FROM learners WHERE name = ?", (name,))]
    listed = conn.execute("SELECT student_id, email FROM roster WHERE name = ?", (name,)
                          ).fetchall()
    on_roster = listed or conn.execute("SELECT 1 FROM overrides WHERE name = ?", (name,)
                                       ).fetchone()
    earlier = Tombstones(conn).day(name)
    if not ids and not on_roster and earlier is None:
        raise LearnError(f"no learner called '{name}' in this database")
    if not _readers_gone(conn, waiting):
        raise StoreError(f"another program is reading {path.name} (the dashboard? a sqlite3 "
                         "shell?); close it and run forget again: nothing was removed")
    removed = 0
    conn.execute("PRAGMA secure_delete = ON")
    if ids or on_roster:  # else forgotten before: only the file is rewritten again
        with store.transaction(conn):
            for learner in ids:
                for table in store.LEARNER_TABLES:
                    removed += conn.execute(f"DELETE FROM {table} WHERE learner_id = ?",
                                            (learner,)).rowcount
                removed += conn.execute("DELETE FROM learners WHERE id = ?", (learner,)).rowcount
            for table in ("roster", "overrides"):  # kept by name, not by learner id
                removed += conn.execute(f"DELETE FROM {table} WHERE name = ?", (name,)).rowcount
            conn.execute("INSERT INTO forgotten_salt SELECT lower(hex(randomblob(16))) "
                         "WHERE NOT EXISTS (SELECT 1 FROM forgotten_salt)")
            tombstones = Tombstones(conn)
            identities = {name, *ids, *(value for row in listed for value in row)}
            today = datetime.now(UTC).date().isoformat()
            conn.executemany("INSERT OR IGNORE INTO forgotten VALUES (?, ?)",
                             [(tombstones.digest(v), today) for v in identities
                              if v and v.strip()])
            rollups.recompute(conn)
    left = _rewrite(conn, path, waiting)
    if left:
        raise StoreError(f"{name}'s rows are deleted, but {path.name} still holds a copy of "
                         f"them: {left}; then run `learn forget --learner {name}` again to "
                         "finish")
    copies = sorted(path.parent.glob(glob.escape(path.name) + ".v*.bak"))
    return Forgotten(removed, earlier, copies)


def _checkpointed(conn: sqlite3.Connection, seconds: float) -> bool:
    """Whether the WAL was copied into the database file and emptied, waiting up to `seconds`
    for the readers that hold it up (one reading an older state of the file holds both)."""
    conn.execute(f"PRAGMA busy_timeout = {round(seconds * 1000)}")
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        conn.execute(f"PRAGMA busy_timeout = {store.BUSY_TIMEOUT_MS}")
    return not busy


def _readers_gone(conn: sqlite3.Connection, waiting: Callable[[float], None] | None) -> bool:
    """Whether no other program is reading the database (after waiting FORGET_WAIT_SECONDS)."""
    # A write first (the same schema version again): a checkpoint waits only for readers of
    # what is in the WAL, and one who began reading while it was empty would go unseen.
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA user_version = {version}")
    if _checkpointed(conn, 0):
        return True
    if waiting is not None:
        waiting(FORGET_WAIT_SECONDS)
    return _checkpointed(conn, FORGET_WAIT_SECONDS)


def _rewrite(conn: sqlite3.Connection, path: Path,
             waiting: Callable[[float], None] | None) -> str:
    """'' once the file and its WAL hold only what the tables hold now; else what is left."""
    try:
        conn.execute("VACUUM")
    except sqlite3.Error as exc:
        return f"VACUUM failed ({store.explain_error(exc)})"
    if not _readers_gone(conn, waiting):
        return "another program is reading it (the dashboard? a sqlite3 shell?); close it"
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        return f"{wal.name} is not empty"
    if conn.execute("PRAGMA freelist_count").fetchone()[0]:
        return "it has free pages"
    return ""


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


# Roster columns and the headers that name them (ours, and those of Canvas's gradebook export).
ROSTER_COLUMNS = {
    "name": ("name",),
    "student_id": ("student_id", "sis user id"),
    "email": ("email", "email address"),
    "lms_id": ("lms_id", "canvas_id", "id"),
    "login_id": ("login_id", "sis login id"),
    "section": ("section",),
    "sortable_name": ("sortable_name", "student"),
}


def import_roster(conn: sqlite3.Connection, path: Path) -> int:
    """roster.csv with a header row: name (the learner's name in learn), and any of student_id,
    email, lms_id, login_id, section, sortable_name ("Last, First"); Canvas's own headers (SIS
    User ID, SIS Login ID, ID, Student) are read too. As Excel and the LMS write it: a UTF-8
    byte-order mark and semicolons (some locales' separator) are read too."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # -sig: Excel's "CSV UTF-8" starts with a BOM
    except OSError as exc:
        raise LearnError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise LearnError(f"{path}: not UTF-8 text; save it as \"CSV UTF-8\"") from None
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        entries = list(reader)
    except csv.Error as exc:  # an unclosed quote would swallow the rest of the file as a name
        raise LearnError(f"{path}, after line {reader.line_num}: not CSV ({exc})") from None
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if entries and "name" not in columns:
        raise LearnError(f"{path}: the first row must name the columns: name,student_id,email "
                         f"(found {', '.join(columns) or 'nothing'})")
    named = [{(k or "").strip().lower(): (v or "").strip() for k, v in e.items()}
             for e in entries]
    rows = [{column: next((e[h] for h in headers if e.get(h)), "")
             for column, headers in ROSTER_COLUMNS.items()} for e in named]
    for line, row in enumerate(rows, start=2):
        if not row["name"]:
            raise LearnError(f"{path}, line {line}: the name is empty")
    fields = list(ROSTER_COLUMNS)
    with store.transaction(conn):
        for row in rows:
            conn.execute(f"INSERT INTO roster ({', '.join(fields)}) VALUES "
                         f"({', '.join('?' * len(fields))}) ON CONFLICT DO UPDATE SET "
                         + ", ".join(f"{f} = excluded.{f}" for f in fields[1:]),
                         [row[f] for f in fields])
    return len(rows)
