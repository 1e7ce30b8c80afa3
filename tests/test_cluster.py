"""`learn regrade --scheduler`: the same regrade on a Dask cluster (a LocalCluster of two worker
processes on loopback here) gives the same verified results, row for row, as `--jobs 1` with
the same seed; a worker with another course installed is refused."""

import sqlite3
from pathlib import Path

import pytest

from benchmarks.regrade_class import class_database


def verified(path: Path) -> list[tuple]:
    """Every verified result with its graded attempt, minus what may differ: ids and times."""
    return sorted(sqlite3.connect(path).execute(
        "SELECT l.name, v.exercise_id, v.passed, v.score, v.isolation, v.code_sha256, a.seed, "
        "a.cases_total, a.cases_passed, a.diagnosis, a.error_kind, a.error_message, "
        "a.failing_case FROM verified v JOIN learners l ON l.id = v.learner_id "
        "JOIN attempts a ON a.id = v.attempt_id").fetchall())


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")  # the test extra installs it
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


def test_a_cluster_regrade_equals_a_local_one_row_for_row(tmp_path, runner, cluster):
    from grader.cli import cli

    local, remote = tmp_path / "local.db", tmp_path / "remote.db"
    for path in (local, remote):
        class_database(path)
    result = runner.invoke(cli, ["--db", str(local), "regrade", "--jobs", "1", "--seed", "7"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["--db", str(remote), "regrade", "--seed", "7",
                                 "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert "24 submissions regraded, on the Dask cluster" in result.output
    assert "bubblewrap" in result.output
    ours, theirs = verified(local), verified(remote)
    assert len(ours) == 24 and theirs == ours
    assert {row[2] for row in ours} == {0, 1}  # passes and fails, ...
    assert any(row[9] for row in ours)  # ... some with a named misconception


def test_a_worker_with_another_course_is_refused(tmp_path, runner, cluster, monkeypatch):
    from grader import cluster as cluster_module
    from grader.cli import cli

    class_database(tmp_path / "class.db", learners=1)
    monkeypatch.setattr(cluster_module, "fingerprint", lambda course: "not the workers'")
    result = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "regrade",
                                 "--scheduler", cluster.scheduler_address])
    assert result.exit_code != 0
    assert "refusing to regrade on this cluster" in result.output
    assert "a different course or grader installed" in result.output
    assert "Traceback" not in result.output
    rows = sqlite3.connect(tmp_path / "class.db").execute("SELECT count(*) FROM verified")
    assert rows.fetchone() == (0,)


def test_an_unreachable_scheduler_is_one_line(tmp_path, runner):
    from grader.cli import cli

    class_database(tmp_path / "class.db", learners=1)
    result = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "regrade",
                                 "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
