"""`learn forget`: done only when the learner's data is gone from the file, its WAL and its free
pages (another program reading the database is waited for, or named); a tombstone of salted
hashes, no personal data in clear, makes later merges refuse their hand-ins."""

import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import grader.instructor.handins
from grader.cli import cli
from grader.database import rollups, store

STUDENT_ID, EMAIL = "77003131", "bob-77aa31@example.org"
SECRET_CODE = "def forward(w, x):\n    return w * x  # bob-9f3e1c-private\n"
TRACES = {b"bob-9f3e1c-private", STUDENT_ID.encode(), EMAIL.encode()}
BLOCKED = ("Error: another program is reading class.db (the dashboard? a sqlite3 shell?); "
           "close it and run forget again: nothing was removed")

# Another program in the middle of a read, as a sqlite3 shell or the dashboard's read-only
# connection is; after `seconds` it ends the read and stays connected, idle.
READER = """
import sqlite3, sys, time
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, isolation_level=None)
conn.execute("BEGIN")
conn.execute("SELECT count(*) FROM attempts").fetchone()
print("reading", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
sys.stdin.read()
"""


def learn(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def forget(db: Path, name: str = "bob"):
    return learn("--db", str(db), "forget", "--learner", name, "--yes")


def traces_in(db: Path) -> set[bytes]:
    """Which of bob's personal strings are in the raw bytes of the database or its WAL."""
    found = set()
    for path in (db, db.with_name(db.name + "-wal")):
        data = path.read_bytes() if path.exists() else b""
        found |= {trace for trace in TRACES if trace in data}
    return found


def names(db: Path) -> list[str]:
    return [n for (n,) in sqlite3.connect(db).execute("SELECT name FROM learners ORDER BY 1")]


def today() -> str:
    return datetime.now(UTC).date().isoformat()


@contextmanager
def reader(db: Path, seconds: float):
    process = subprocess.Popen([sys.executable, "-c", READER, str(db), str(seconds)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "reading\n"
        yield process
    finally:
        process.kill()
        process.wait()


@pytest.fixture
def class_db(handins, tmp_path) -> Path:
    """bob merged into class.db, his code holding a string of his own, and on the roster with
    a student id and an email."""
    conn = sqlite3.connect(handins["bob"])
    conn.execute("UPDATE attempts SET code = ?", (SECRET_CODE,))
    conn.commit()
    conn.close()
    db = tmp_path / "class.db"
    assert learn("merge", str(handins["bob"]), "--into", str(db)).exit_code == 0
    roster = tmp_path / "roster.csv"
    roster.write_text(f"name,student_id,email\nbob,{STUDENT_ID},{EMAIL}\n")
    assert learn("--db", str(db), "roster", "import", str(roster)).exit_code == 0
    assert traces_in(db) == TRACES  # what the checks below look for is there to find
    return db


def test_forget_waits_for_a_reader_and_finishes_once_it_closes(class_db):
    with reader(class_db, 1.5):
        started = time.monotonic()
        result = forget(class_db)
        waited = time.monotonic() - started
    assert "waiting up to 10 s for it to close" in result.stderr
    assert result.exit_code == 0 and "Removed" in result.stdout
    assert 1.0 < waited < grader.instructor.handins.FORGET_WAIT_SECONDS
    assert traces_in(class_db) == set()
    assert sqlite3.connect(class_db).execute("PRAGMA freelist_count").fetchone() == (0,)


def test_forget_refuses_while_a_reader_stays_and_removes_nothing(class_db, monkeypatch):
    monkeypatch.setattr(grader.instructor.handins, "FORGET_WAIT_SECONDS", 0.5)
    with reader(class_db, 60):
        result = forget(class_db)
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == BLOCKED
    assert names(class_db) == ["bob"] and traces_in(class_db) == TRACES
    again = forget(class_db)  # the reader is gone
    assert again.exit_code == 0 and traces_in(class_db) == set()


def test_a_reader_coming_after_the_rows_went_is_reported_and_a_rerun_finishes(
        class_db, monkeypatch):
    monkeypatch.setattr(grader.instructor.handins, "FORGET_WAIT_SECONDS", 0.5)
    late = sqlite3.connect(f"file:{class_db}?mode=ro", uri=True, isolation_level=None)
    rewrite = grader.instructor.handins._rewrite

    def reader_first(conn, path, waiting):
        late.execute("BEGIN")
        late.execute("SELECT count(*) FROM attempts").fetchone()
        return rewrite(conn, path, waiting)

    monkeypatch.setattr(grader.instructor.handins, "_rewrite", reader_first)
    result = forget(class_db)
    assert result.exit_code == 3 and "Removed" not in result.stdout
    assert result.stderr.splitlines()[-1] == (
        "Error: bob's rows are deleted, but class.db still holds a copy of them: another "
        "program is reading it (the dashboard? a sqlite3 shell?); close it; then run `learn "
        "forget --learner bob` again to finish")
    assert names(class_db) == [] and traces_in(class_db)  # as the error says
    late.close()
    monkeypatch.setattr(grader.instructor.handins, "_rewrite", rewrite)
    again = forget(class_db)
    assert again.exit_code == 0
    assert again.stdout.startswith(f"bob was forgotten on {today()} already")
    assert traces_in(class_db) == set()


def test_the_tombstone_holds_keyed_hashes_and_no_personal_data(class_db):
    bob_id = sqlite3.connect(class_db).execute("SELECT id FROM learners").fetchone()[0]
    assert forget(class_db).exit_code == 0
    conn = sqlite3.connect(class_db)
    tombstone = conn.execute("SELECT digest, forgotten_on FROM forgotten").fetchall()
    assert len(tombstone) == 4  # name, learner id, student id, email
    assert {day for _, day in tombstone} == {today()}
    stored = repr(tombstone + conn.execute("SELECT * FROM forgotten_salt").fetchall())
    for clear in ("bob", bob_id, STUDENT_ID, EMAIL, "77aa31"):
        assert clear not in stored
    assert "bob" not in repr(conn.execute("SELECT * FROM roster").fetchall())


def test_a_merge_refuses_the_forgotten_learner_and_merges_the_others(class_db, handins):
    assert forget(class_db).exit_code == 0
    result = learn("merge", str(handins["bob"]), str(handins["ada"]), "--into", str(class_db))
    assert result.exit_code == 1
    assert f"Refused: handin-bob.db: this learner was forgotten on {today()} (learn forget); " \
           "not merged" in result.stderr
    assert "Merged 1 of 2 file(s)" in result.stdout
    assert names(class_db) == ["ada"] and traces_in(class_db) == set()


def test_a_handin_under_a_new_name_is_refused_by_the_student_id_its_lms_wrote(
        class_db, handins, tmp_path):
    assert forget(class_db).exit_code == 0
    robert = uuid.uuid4().hex
    renamed = tmp_path / "lms" / f"robert_{STUDENT_ID}_5002_handin.db"
    renamed.parent.mkdir()
    renamed.write_bytes(handins["bob"].read_bytes())
    conn = sqlite3.connect(renamed)
    for table in ("attempts", "hints", "openings", "quiz_answers"):
        conn.execute(f"UPDATE {table} SET learner_id = ?", (robert,))
    conn.execute("UPDATE learners SET name = 'robert', id = ?", (robert,))
    conn.commit()
    conn.close()
    other_id = renamed.with_name("robert_5550001_5003_handin.db")  # another LMS user: merged
    other_id.write_bytes(renamed.read_bytes())
    result = learn("merge", str(renamed), str(other_id), "--into", str(class_db),
                   "--names-from-files")
    assert f"Refused: {renamed.name}: this learner was forgotten on" in result.stderr
    assert "Merged 1 of 2 file(s)" in result.stdout and names(class_db) == ["robert"]


def test_the_tombstone_outlives_a_regrade_a_recompute_and_a_migration(
        class_db, handins, monkeypatch):
    assert forget(class_db).exit_code == 0
    learn("merge", str(handins["ada"]), "--into", str(class_db))
    assert learn("--db", str(class_db), "regrade").exit_code == 0
    conn = store.connect(class_db)
    with store.transaction(conn):
        rollups.recompute(conn)
    conn.close()

    def m099_later(db) -> None:
        db.execute("CREATE TABLE later (x TEXT)")

    monkeypatch.setattr(store, "MIGRATIONS", (*store.MIGRATIONS, m099_later))
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    conn = store.connect(class_db)  # migrates, then rebuilds the rollups
    assert grader.instructor.handins.Tombstones(conn).day("bob") == today()
    assert grader.instructor.handins.Tombstones(conn).day(STUDENT_ID, EMAIL) == today()
    assert grader.instructor.handins.Tombstones(conn).day("ada") is None


def test_forgetting_twice_says_when_and_an_unknown_name_is_a_one_line_error(class_db):
    assert forget(class_db).exit_code == 0
    again = forget(class_db)
    assert again.exit_code == 0
    assert again.stdout.startswith(f"bob was forgotten on {today()} already")
    unknown = forget(class_db, "zed")
    assert unknown.exit_code == 2
    assert unknown.stderr == "Error: no learner called 'zed' in this database\n"
