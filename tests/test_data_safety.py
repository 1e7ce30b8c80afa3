"""No attempt lost: concurrent writers, writers killed mid-transaction, and databases that are
corrupt, foreign, full or on a network filesystem. Each failure is a one-line error with a
non-zero exit, and the learner's code file is left untouched."""

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import pytest

from grader.database import rollups, store

pytestmark = pytest.mark.slow  # many writer processes, some killed mid-write

WRITER = Path(__file__).parent / "writer.py"
LEARN = Path(sys.executable).parent / "learn"


def record_many(db: str, name: str, count: int) -> list[str]:
    conn = store.connect(Path(db))
    learner = store.learner_id(conn, name, "lab")
    ids = []
    for index in range(count):
        ids.append(store.record_attempt(conn, store.AttemptRecord(
            learner_id=learner, exercise_id=f"ex0{index % 5 + 1}", exercise_hash="h",
            seed=index, passed=index % 3 == 0, score=float(index % 3 == 0), cases_total=1,
            cases_passed=int(index % 3 == 0), duration_ms=1, diagnosis="d" if index % 2 else None,
            diagnosis_message=None, error_kind=None, error_message=None, failing_case=None,
            code=b"x", code_sha256="x", grader_version="t")))
    conn.close()
    return ids


def test_eight_processes_writing_at_once_lose_nothing(tmp_path):
    db = str(tmp_path / "class.db")
    store.connect(Path(db)).close()
    with get_context("spawn").Pool(8) as pool:
        batches = pool.starmap(record_many, [(db, f"learner{i}", 200) for i in range(8)])
    conn = sqlite3.connect(db)
    stored = {r[0] for r in conn.execute("SELECT id FROM attempts")}
    assert stored == {i for batch in batches for i in batch} and len(stored) == 1600
    assert conn.execute("SELECT sum(attempts) FROM step_rollup").fetchone()[0] == 1600
    snapshot = conn.execute("SELECT * FROM step_rollup ORDER BY 1").fetchall()
    conn.execute("BEGIN IMMEDIATE")
    rollups.recompute(conn)
    assert conn.execute("SELECT * FROM step_rollup ORDER BY 1").fetchall() == snapshot
    conn.execute("ROLLBACK")


def test_a_writer_killed_mid_write_never_loses_a_reported_attempt(tmp_path):
    db = tmp_path / "p.db"
    store.connect(db).close()
    reported: set[str] = set()
    rng = random.Random(1)
    for _ in range(15):
        writer = subprocess.Popen([sys.executable, str(WRITER), str(db)], stdout=subprocess.PIPE,
                                  text=True)
        time.sleep(rng.uniform(0.3, 0.8))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        reported |= {line for line in out.split() if len(line) == 32}
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = {r[0] for r in conn.execute("SELECT id FROM attempts")}
    assert reported and reported <= stored


def run_check(tmp_path, db, limit_bytes=None):
    home = tmp_path / "ws"
    env = dict(os.environ, LEARN_HOME=str(home), LEARN_USER="ada", LEARN_DB=str(db))
    subprocess.run([LEARN, "path", "ex01"], env=dict(env, LEARN_DB=str(tmp_path / "ok.db")),
                   capture_output=True, check=True)
    code = home / "ex01_forward.py"
    code.write_text("def forward(w, x):\n    return w * x\n")
    before = code.read_bytes()

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    result = subprocess.run([LEARN, "check", "ex01"], env=env, capture_output=True, text=True,
                            preexec_fn=small_disk if limit_bytes else None)
    assert code.read_bytes() == before
    return result


def one_line_error(result) -> str:
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert "Traceback" not in result.stderr + result.stdout
    return errors[0] if errors else result.stdout


def test_a_corrupt_database(tmp_path):
    db = tmp_path / "p.db"
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    result = run_check(tmp_path, db)
    assert result.returncode == 3
    assert "ex01 passed" in result.stdout  # the verdict is still shown
    assert "not a readable SQLite database" in result.stdout


def test_a_database_of_another_program(tmp_path):
    db = tmp_path / "other.db"
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE invoices (id INTEGER)")
    other.commit()
    other.close()
    result = run_check(tmp_path, db)
    assert result.returncode == 3 and "not a learn-backprop database" in result.stdout
    assert sqlite3.connect(db).execute("SELECT name FROM sqlite_master").fetchall() == [
        ("invoices",)]


def test_a_full_disk(tmp_path):
    db = tmp_path / "p.db"
    result = run_check(tmp_path, db, limit_bytes=40_000)  # more than the child script copy
    assert result.returncode == 3
    assert "NOT recorded" in result.stdout
    assert "disk" in result.stdout.lower() or "too large" in result.stdout.lower()


def test_a_network_filesystem_is_refused_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "filesystem_type", lambda path: "nfs4")
    with pytest.raises(store.StoreError, match="network filesystem .nfs4."):
        store.connect(tmp_path / "p.db")


def test_a_read_only_database(tmp_path):
    db = tmp_path / "p.db"
    store.connect(db).close()
    if os.geteuid() != 0:
        db.chmod(0o444)
        result = run_check(tmp_path, db)
    else:  # root ignores permission bits: make the file immutable instead (chattr +i)
        frozen = subprocess.run(["chattr", "+i", str(db)], capture_output=True)
        assert frozen.returncode == 0, f"cannot make a read-only file here: {frozen.stderr!r}"
        try:
            result = run_check(tmp_path, db)
        finally:
            subprocess.run(["chattr", "-i", str(db)], check=True)
    assert result.returncode == 3
    assert "ex01 passed" in result.stdout and "the database is read-only" in result.stdout
