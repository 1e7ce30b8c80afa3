"""The progress database: schema, pragmas, migrations, refusing foreign files, recording."""

import sqlite3

import pytest

from grader.database import store
from grader.errors import StoreError


def record(conn, learner, exercise_id="ex01", passed=False):
    return store.record_attempt(conn, store.AttemptRecord(
        learner_id=learner, exercise_id=exercise_id, exercise_hash="h", seed=1, passed=passed,
        score=float(passed), cases_total=2, cases_passed=2 * passed, duration_ms=5,
        diagnosis=None, diagnosis_message=None, error_kind=None, error_message=None,
        failing_case={"index": 0}, code=b"def f(): pass\n", code_sha256="x", grader_version="t",
    ))


def test_new_database_has_schema_wal_and_version(tmp_path):
    conn = store.connect(tmp_path / "p.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"learners", "attempts", "hints", "openings", "_sqlite_migrations"} <= tables


def test_reopening_does_not_migrate_again(tmp_path):
    store.connect(tmp_path / "p.db").close()
    conn = store.connect(tmp_path / "p.db")
    applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == store.SCHEMA_VERSION


def test_learners_get_unique_ids_and_keep_them(tmp_path):
    conn = store.connect(tmp_path / "p.db")
    ada = store.learner_id(conn, "ada", "lab")
    bob = store.learner_id(conn, "bob", "lab")
    assert ada != bob and len(ada) == 32
    assert store.learner_id(conn, "ada", "lab") == ada


def test_attempts_are_recorded_with_code_and_progress(tmp_path):
    conn = store.connect(tmp_path / "p.db")
    ada = store.learner_id(conn, "ada", "lab")
    first = record(conn, ada)
    second = record(conn, ada, passed=True)
    assert first != second
    row = conn.execute("SELECT code, failing_case FROM attempts WHERE id = ?", (first,)).fetchone()
    assert row == ("def f(): pass\n", '{"index": 0}')
    progress = store.progress(conn, ada)["ex01"]
    assert progress.attempts == 2 and progress.passed and progress.best_score == 1.0
    opened = conn.execute("SELECT count(*) FROM openings WHERE learner_id = ?", (ada,)).fetchone()
    assert opened[0] == 1


def test_hints_count_up(tmp_path):
    conn = store.connect(tmp_path / "p.db")
    ada = store.learner_id(conn, "ada", "lab")
    assert [store.record_hint(conn, ada, "ex01") for _ in range(3)] == [1, 2, 3]
    assert store.hints_shown(conn, ada, "ex02") == 0


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "p.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a readable SQLite database"):
        store.connect(path)


def test_a_database_of_another_program(tmp_path):
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE invoices (id INTEGER)")
    other.commit()
    other.close()
    with pytest.raises(StoreError, match="not a learn-backprop database.*invoices"):
        store.connect(path)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "p.db"
    store.connect(path).execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer learn-backprop"):
        store.connect(path)



def schema(conn) -> list[tuple]:
    return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()


@pytest.mark.parametrize("version", range(1, store.SCHEMA_VERSION))
def test_a_database_of_every_earlier_version_upgrades_to_the_new_schema(tmp_path, version):
    from grader.database.migrations import MIGRATIONS, m009_beyond_renumbered

    fresh = store.connect(tmp_path / "fresh.db")
    old_path = tmp_path / f"v{version}.db"
    old = sqlite3.connect(old_path, isolation_level=None)
    store.migrate(old, old_path, upto=version)  # built from the frozen migrations
    assert old.execute("PRAGMA user_version").fetchone()[0] == version
    assert schema(old) != schema(fresh) or version == 8  # m009 renames step ids only
    old.execute("INSERT INTO learners VALUES ('L1', 'bob', 'lab', '2026-01-01T00:00:00.000')")
    old.execute("INSERT INTO attempts (id, learner_id, exercise_id, created_at, passed, score, "
                "origin) VALUES ('A1', 'L1', 'ex01', '2026-01-01T00:00:01.000', 1, 1.0, 'local')")
    old.execute("INSERT INTO attempts (id, learner_id, exercise_id, created_at, passed, score, "
                "origin) VALUES ('A2', 'L1', 'ex24', '2026-01-01T00:00:02.000', 0, 0.5, 'local')")
    if version in (3, 4):  # `learn roster import` made this table itself before m005
        old.execute("CREATE TABLE IF NOT EXISTS roster (name TEXT PRIMARY KEY, "
                    "student_id TEXT, email TEXT)")
        old.execute("INSERT INTO roster VALUES ('bob', 's2', 'bob@example.org')")
    old.close()
    upgraded = store.connect(old_path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert schema(upgraded) == schema(fresh)
    assert upgraded.execute("SELECT name FROM learners").fetchall() == [("bob",)]
    # the rollups were rebuilt from the raw rows, whatever the old version held
    assert upgraded.execute("SELECT steps_passed FROM learner_progress").fetchall() == [(1,)]
    # Beyond's cross-entropy step was ex24 before stage G came in front of it (m009)
    renamed = version < MIGRATIONS.index(m009_beyond_renumbered) + 1
    assert upgraded.execute("SELECT exercise_id FROM attempts WHERE id = 'A2'").fetchone() == (
        "ex33" if renamed else "ex24",)
    backup = sqlite3.connect(tmp_path / f"v{version}.db.v{version}.bak")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == version


def test_the_schema_version_is_the_number_of_migrations():
    from grader.database.migrations import MIGRATIONS

    assert store.SCHEMA_VERSION == len(MIGRATIONS)
    names = [m.__name__ for m in MIGRATIONS]
    assert names == sorted(names) and len(set(names)) == len(names)




def test_batched_writes_keep_every_finished_item_and_none_of_a_failed_one(tmp_path):
    path = tmp_path / "p.db"
    conn = store.connect(path)
    store.migrate(conn, path)
    batch = store.Batched(conn, size=3, seconds=60)

    def learner(name: str) -> None:
        with batch.item():
            conn.execute("INSERT INTO learners VALUES (?, ?, 'lab', '2026-01-01')", (name, name))

    def committed() -> list:
        other = sqlite3.connect(path)  # what another process sees
        try:
            return sorted(r[0] for r in other.execute("SELECT name FROM learners"))
        finally:
            other.close()

    for name in ("a", "b", "c", "d"):
        learner(name)
    assert committed() == ["a", "b", "c"]  # the first batch of three; d is pending
    with pytest.raises(sqlite3.IntegrityError):
        learner("a")  # fails alone: d stays in the batch
    with pytest.raises(KeyboardInterrupt):
        with batch.item():
            conn.execute("INSERT INTO learners VALUES ('e', 'e', 'lab', '2026-01-01')")
            raise KeyboardInterrupt
    batch.close()
    assert committed() == ["a", "b", "c", "d"]
