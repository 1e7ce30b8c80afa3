"""`learn merge` of a generated class of 200 hand-ins (benchmarks/synthetic_class.py): every row
once, a broken and a hostile file refused by name while the rest merge, a second merge that adds
nothing, one learner on two machines, an interrupted merge that a rerun completes, the rollups
equal to a recomputation throughout, and the progress lines on a pipe. No timing here:
benchmarks/merge_speed.py measures."""

import math
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from benchmarks.synthetic_class import generate
from grader.database import rollups
from grader.instructor import handins

pytestmark = pytest.mark.slow  # a class of 200 made, merged and recomputed several times

LEARN = Path(sys.executable).parent / "learn"
LEARNERS = 200
BROKEN, HOSTILE = "handin-s00100.db", "handin-s00150.db"
COUNTED = ("learners", "attempts", "quiz_answers", "hints", "openings")


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("made") / "handins"
    generate(folder, LEARNERS, seed=1)
    return folder


@pytest.fixture
def folder(made, tmp_path) -> Path:
    copy = tmp_path / "handins"
    shutil.copytree(made, copy)
    return copy


def merge(root: Path, *names: str) -> subprocess.CompletedProcess:
    """`learn merge` as an instructor runs it, its output going to a pipe."""
    files = names or sorted(f"handins/{p.name}" for p in (root / "handins").glob("*.db"))
    return subprocess.run([str(LEARN), "merge", *files, "--into", "class.db",
                           "--names-from-files"], cwd=root, capture_output=True, text=True)


def rows_in(files: list[Path]) -> dict[str, int]:
    total = dict.fromkeys(COUNTED, 0)
    for path in files:
        conn = sqlite3.connect(path)
        for table in COUNTED:
            total[table] += conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        conn.close()
    return total


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        found = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        for table in ("attempts", "quiz_answers", "hints"):
            assert conn.execute(f"SELECT count(DISTINCT id) FROM {table}").fetchone()[0] \
                == found[table], f"duplicate ids in {table}"
        return found
    finally:
        conn.close()


def assert_rollups_equal_a_recomputation(db: Path) -> None:
    """Every rollup row as rollups.recompute makes it from the raw rows: counts, dates and
    names exactly; a float sum to rounding (the merge adds learner by learner, recompute
    attempt by attempt)."""
    conn = sqlite3.connect(db, isolation_level=None)
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    tables = [t for t in rollups.ROLLUP_TABLES if t in present]

    def snapshot():
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}

    kept = snapshot()
    conn.execute("BEGIN IMMEDIATE")
    rollups.recompute(conn)
    again = snapshot()
    conn.execute("ROLLBACK")
    conn.close()
    assert kept["learner_step"], "no rollups at all"
    for table in tables:
        assert len(kept[table]) == len(again[table]), table
        for mine, theirs in zip(kept[table], again[table], strict=True):
            assert all(math.isclose(a, b, rel_tol=1e-9) if isinstance(a, float) else a == b
                       for a, b in zip(mine, theirs, strict=True)), (table, mine, theirs)


def test_a_class_merges_once_refuses_what_is_broken_and_shows_progress_on_a_pipe(folder):
    root = folder.parent
    (folder / BROKEN).write_bytes(b"this is no database\n" * 400)
    hostile = sqlite3.connect(folder / HOSTILE)  # an answer to an attempt that is not there
    hostile.execute("INSERT INTO quiz_answers (id, attempt_id, learner_id, quiz_id, "
                    "question_number, question_kind, seed, prompt, answer, valid, correct, "
                    "seconds, created_at) SELECT 'x1', 'no-such-attempt', id, 'q01', 1, "
                    "'numeric', 1, 'p', '1', 1, 1, 1.0, created_at FROM learners")
    hostile.commit()
    hostile.close()
    good = [p for p in sorted(folder.glob("*.db")) if p.name not in (BROKEN, HOSTILE)]

    first = merge(root)
    assert first.returncode == 1, first.stderr
    assert f"Merged {LEARNERS - 2} of {LEARNERS} file(s) into class.db" in first.stdout
    refused = [line for line in first.stderr.splitlines() if line.startswith("Refused:")]
    assert len(refused) == 2
    assert BROKEN in refused[0] and "not a readable SQLite database" in refused[0]
    assert refused[1] == (f"Refused: {HOSTILE}: cannot be merged (FOREIGN KEY constraint "
                          "failed)")
    progress = [re.fullmatch(r"  (\d+)/(\d+) merged, [\d.]+/s, \d+ s left", line)
                for line in first.stderr.splitlines() if "merged," in line]
    assert progress and all(progress)
    done = [int(m[1]) for m in progress]
    assert done == sorted(done) and done[-1] == LEARNERS and {int(m[2]) for m in progress} == {
        LEARNERS}

    db = root / "class.db"
    expected = rows_in(good)
    assert counts(db) == expected  # every row of the good files once, none of the others
    names = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM learners")}
    assert "s00100" not in names and "s00150" not in names and len(names) == LEARNERS - 2
    assert_rollups_equal_a_recomputation(db)

    again = merge(root)
    assert ("added 0 learners, 0 attempts, 0 hints, 0 quiz_answers, 0 openings"
            in again.stdout), again.stdout
    assert "Conflict" not in again.stderr
    assert counts(db) == expected
    assert_rollups_equal_a_recomputation(db)


def test_one_learner_on_two_machines_among_many(folder):
    """A second hand-in of s00010 (other ids, times interleaved with the first's) joins the
    same learner, and the rollups come out as a recomputation over both."""
    lab = folder / "s00010_1010_5010_handin-s00010.db"  # a Canvas download's name
    shutil.copy(folder / "handin-s00010.db", lab)
    conn = sqlite3.connect(lab)
    conn.execute("UPDATE learners SET id = 'lab-machine'")
    for table in ("attempts", "hints", "quiz_answers", "openings"):
        conn.execute(f"UPDATE {table} SET learner_id = 'lab-machine'")
    for table in ("attempts", "hints", "quiz_answers"):
        conn.execute(f"UPDATE {table} SET id = id || '-lab'")
    conn.execute("UPDATE quiz_answers SET attempt_id = attempt_id || '-lab'")
    for table, column in (("attempts", "created_at"), ("openings", "opened_at")):
        for (stamp,) in conn.execute(f"SELECT {column} FROM {table}").fetchall():
            later = datetime.fromisoformat(stamp) + timedelta(minutes=7)
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                         (later.isoformat(timespec="milliseconds"), stamp))
    conn.commit()
    conn.close()

    result = merge(folder.parent)
    assert result.returncode == 0, result.stderr
    db = folder.parent / "class.db"
    expected = rows_in(sorted(folder.glob("*.db")))
    expected["learners"] -= 1  # the lab machine's learner is s00010
    expected["openings"] -= 25  # and opened the same steps
    assert counts(db) == expected
    assert_rollups_equal_a_recomputation(db)


def test_an_interrupted_merge_keeps_what_it_committed_and_a_rerun_adds_the_rest(
        folder, tmp_path, monkeypatch):
    monkeypatch.setattr(handins, "BATCH_SECONDS", 0.0)  # a commit after every group
    sources = sorted(folder.glob("*.db"))
    db = tmp_path / "class.db"

    def stop(done, total):
        if done >= 2 * handins.GROUP:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        handins.merge(sources, db, progress=stop)
    kept = counts(db)["learners"]
    assert 0 < kept < LEARNERS and kept % handins.GROUP == 0
    assert_rollups_equal_a_recomputation(db)
    report = handins.merge(sources, db)
    assert report.ok and report.added["learners"] == LEARNERS - kept
    assert counts(db) == rows_in(sources)
    assert_rollups_equal_a_recomputation(db)
