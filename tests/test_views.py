"""The instructor views on a database filled by real graded attempts and quiz answers, and the
rollups kept in the recording transaction agreeing with a recomputation from scratch."""

import sqlite3

import pytest

from grader.cli import cli
from grader.database import rollups, store

from .conftest import fill_class


@pytest.fixture(scope="module")
def class_db(tmp_path_factory):
    db, quiz_id, slip_name = fill_class(tmp_path_factory.mktemp("class"))
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return conn, quiz_id, slip_name


def rows(conn, sql, *args):
    return [dict(r) for r in conn.execute(sql, args)]


def test_step_stats(class_db):
    conn, _, _ = class_db
    [stats] = rows(conn, "SELECT * FROM step_stats WHERE exercise_id = 'ex01'")
    assert stats["learners"] == 3 and stats["learners_passed"] == 2
    assert stats["pass_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert stats["attempts"] == 7 and stats["failed_attempts"] == 5
    assert stats["median_attempts_to_pass"] == 1  # cy at 1, ada at 3: the lower median
    assert stats["learners_stuck"] == 1 and stats["stuck_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert stats["mean_seconds_to_pass"] >= 0


def test_misconceptions_are_the_unit_of_analysis(class_db):
    conn, _, _ = class_db
    found = rows(conn, "SELECT diagnosis, attempts, percent_of_failed FROM step_diagnoses "
                       "WHERE exercise_id = 'ex01'")
    assert found == [{"diagnosis": "added", "attempts": 4, "percent_of_failed": 80.0},
                     {"diagnosis": "squared_weight", "attempts": 1, "percent_of_failed": 20.0}]


def test_learner_progress_and_stuck(class_db):
    conn, _, _ = class_db
    progress = {r["learner"]: r for r in rows(conn, "SELECT * FROM learner_progress")}
    assert progress["ada"]["steps_passed"] == 1 and progress["ada"]["attempts"] == 3 + 1  # + quiz
    assert progress["bob"]["steps_passed"] == 0
    assert progress["cy"]["attempts"] == 1 and progress["cy"]["last_activity"]
    stuck = rows(conn, "SELECT learner, exercise_id, failed_attempts, last_diagnosis "
                       "FROM stuck_learners")
    assert stuck == [{"learner": "bob", "exercise_id": "ex01", "failed_attempts": 3,
                      "last_diagnosis": "added"}]


def test_quiz_question_stats(class_db):
    conn, quiz_id, slip_name = class_db
    [first] = rows(conn, "SELECT * FROM quiz_question_stats WHERE quiz_id = ? AND "
                         "question_number = 1", quiz_id)
    assert first["answered"] == 2 and first["correct"] == 1 and first["share_right"] == 0.5
    assert first["most_chosen_wrong_answer"] == slip_name


def test_activity(class_db):
    conn, _, _ = class_db
    [today] = rows(conn, "SELECT * FROM activity")
    assert today["attempts"] == 7 + 2 and today["learners"] == 3 and today["passes"] == 2


def test_rollups_equal_a_recomputation_from_scratch(class_db):
    conn, _, _ = class_db
    snapshot = {t: rows(conn, f"SELECT * FROM {t} ORDER BY 1, 2") for t in rollups.ROLLUP_TABLES}
    conn.execute("BEGIN IMMEDIATE")
    rollups.recompute(conn)
    again = {t: rows(conn, f"SELECT * FROM {t} ORDER BY 1, 2") for t in rollups.ROLLUP_TABLES}
    conn.execute("ROLLBACK")
    assert again == snapshot


def test_views_are_plain_sql_any_tool_can_read(class_db):
    conn, _, _ = class_db
    views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"learner_progress", "step_stats", "step_diagnoses", "quiz_question_stats",
            "activity", "stuck_learners"} <= views
    assert store.SCHEMA_VERSION == conn.execute("PRAGMA user_version").fetchone()[0]


def test_report_text_json_csv_and_self_contained_html(class_db, tmp_path):
    import json
    import re

    from click.testing import CliRunner

    conn, _, _ = class_db
    db = conn.execute("PRAGMA database_list").fetchone()[2]
    runner = CliRunner()
    text = runner.invoke(cli, ["--db", db, "report"]).output
    assert "Who is stuck" in text and "bob" in text and "added" in text
    document = json.loads(runner.invoke(cli, ["--db", db, "report", "--json"]).stdout)
    [ex01] = [s for s in document["Steps"] if s["step"] == "ex01"]
    assert ex01["learners_passed"] == 2
    one = json.loads(runner.invoke(cli, ["--db", db, "report", "--learner", "bob",
                                         "--json"]).stdout)
    assert one["Learner bob"][0]["steps_passed"] == 0
    csv_text = runner.invoke(cli, ["--db", db, "report", "--step", "ex01", "--csv"]).output
    assert csv_text.splitlines()[0].startswith("exercise_id,learners,learners_passed")
    page = tmp_path / "report.html"
    runner.invoke(cli, ["--db", db, "report", "--html", str(page)])
    html = page.read_text()
    assert html.count("<svg") == 3 and "Pass rate per step" in html
    # Self-contained: no script, stylesheet or image is fetched from anywhere.
    assert "<script" not in html and not re.search(r"(src|href)=", html)


def test_case_difficulty_says_which_cases_break_a_step(tmp_path, monkeypatch):
    """A backprop that forgets the transpose in BP2 is right for one layer: every failure's
    first failing case is a deeper network, and the view (and the report) say so."""
    from pathlib import Path

    from click.testing import CliRunner

    from grader.learner.api import Session

    monkeypatch.setenv("LEARN_HOME", str(tmp_path / "ws"))
    monkeypatch.setenv("LEARN_USER", "ada")
    monkeypatch.delenv("LEARN_DB", raising=False)
    session = Session()
    exercise = session.course.resolve("ex19")
    wrong = Path(__file__).parent / "fixtures" / "wrong" / "ex19" / "no_transpose.py"
    session.workspace.file_for(exercise).write_text(wrong.read_text())
    for seed in range(6):
        assert not session.check("ex19", seed=seed).verdict.passed
    conn = session.connection
    conn.row_factory = sqlite3.Row
    found = rows(conn, "SELECT parameter, value, failures, share FROM case_difficulty "
                       "WHERE exercise_id = 'ex19'")
    depths = {r["value"]: r for r in found if r["parameter"] == "depth"}
    assert depths and "1" not in depths  # one layer has no BP2 to get wrong
    assert sum(r["failures"] for r in depths.values()) == 6
    assert sum(r["share"] for r in depths.values()) == pytest.approx(1, abs=0.01)
    assert {r["parameter"] for r in found} >= {"depth", "batch", "activations", "bias"}
    snapshot = rows(conn, "SELECT * FROM case_failure_rollup ORDER BY 1, 2, 3")
    conn.execute("BEGIN IMMEDIATE")
    rollups.recompute(conn)
    assert rows(conn, "SELECT * FROM case_failure_rollup ORDER BY 1, 2, 3") == snapshot
    conn.execute("ROLLBACK")
    report = CliRunner().invoke(cli, ["--db", str(session.db_path), "report", "--step", "ex19"])
    assert "Which cases break it" in report.output and "depth" in report.output
    session.close()
