"""Collecting a class and grading it: hand-ins, idempotent merges, the trusted regrade (a forged
pass stays unverified, a real one verifies), exports, Gradescope, forgetting a learner."""

import csv
import io
import json
import sqlite3

from click.testing import CliRunner

from grader.cli import cli
from tests.conftest import RIGHT_FORWARD as RIGHT
from tests.conftest import forge


def learn(runner, *args, env=None):
    result = runner.invoke(cli, list(args), env=env, catch_exceptions=False)
    return result


def count(db, table):
    return sqlite3.connect(db).execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_handin_holds_only_that_learner(handins):
    conn = sqlite3.connect(handins["bob"])
    assert conn.execute("SELECT name FROM learners").fetchall() == [("bob",)]
    assert conn.execute("SELECT count(*), max(passed) FROM attempts").fetchone() == (1, 0)


def test_merging_twice_equals_merging_once(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    first = learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    assert "added 2 learners, 3 attempts" in first.output
    snapshot = {t: count(target, t) for t in ("learners", "attempts", "openings", "learner_step")}
    again = learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    assert "added 0 learners, 0 attempts" in again.output
    assert {t: count(target, t) for t in snapshot} == snapshot
    stats = sqlite3.connect(target).execute(
        "SELECT learners, learners_passed, attempts FROM step_stats WHERE exercise_id = 'ex01'")
    assert stats.fetchone() == (2, 1, 3)


def test_a_conflicting_row_is_reported_and_nothing_is_lost(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    learn(runner, "merge", str(handins["bob"]), "--into", str(target))
    edited = tmp_path / "edited.db"
    edited.write_bytes(handins["bob"].read_bytes())
    conn = sqlite3.connect(edited)
    conn.execute("UPDATE attempts SET passed = 1, score = 1.0")
    conn.commit()
    conn.close()
    result = learn(runner, "merge", str(edited), str(handins["ada"]), "--into", str(target))
    assert "differs from the row already there" in result.stderr
    assert result.exit_code == 1  # scripts notice, after the rest merged
    assert count(target, "learners") == 2
    kept = sqlite3.connect(target).execute(
        "SELECT a.passed FROM attempts a JOIN learners l ON l.id = a.learner_id "
        "WHERE l.name = 'bob'").fetchall()
    assert kept == [(0,)]


def test_regrade_verifies_real_passes_and_not_forged_ones(handins, tmp_path, runner):
    forge(handins["bob"])
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    result = learn(runner, "--db", str(target), "regrade", "--json")
    verdicts = {(r["learner"], r["exercise_id"]): r for r in json.loads(result.stdout)}
    assert verdicts[("ada", "ex01")]["passed"] and verdicts[("ada", "ex01")]["claimed"]
    assert verdicts[("bob", "ex01")]["claimed"] and not verdicts[("bob", "ex01")]["passed"]
    verified = dict(sqlite3.connect(target).execute(
        "SELECT l.name, v.passed FROM verified v JOIN learners l ON l.id = v.learner_id"))
    assert verified == {"ada": 1, "bob": 0}
    exported = learn(runner, "--db", str(target), "export", "--format", "csv").output
    rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(exported))}
    assert rows["ada"]["ex01"] == "1.0" and rows["ada"]["steps_verified"] == "1"
    assert rows["bob"]["ex01"] == "0.0"  # the forged self-reported 1.0 does not count


def test_csv_export_with_roster_points_and_deadlines(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    roster = tmp_path / "roster.csv"
    roster.write_text("name,student_id,email\nada,s1,ada@example.org\nbob,s2,bob@example.org\n")
    learn(runner, "--db", str(target), "roster", "import", str(roster))
    course = tmp_path / "course.toml"
    course.write_text('[points]\nex01 = 5\nex02 = 2\n\n[deadlines]\nex02 = "2000-01-01T00:00:00"\n')
    text = learn(runner, "--db", str(target), "export", "--course-file", str(course)).output
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["learner"] for r in rows] == ["ada", "bob"]
    ada = rows[0]
    assert (ada["student_id"], ada["email"], ada["ex01"], ada["ex02"]) == (
        "s1", "ada@example.org", "5.0", "0.0")
    assert ada["steps_self_reported"] == "1" and ada["steps_verified"] == "0"
    # Only the steps [points] grades are columns and count in the maximum.
    assert [c for c in rows[0] if c.startswith(("ex", "q"))] == ["ex01", "ex02"]
    assert float(ada["max_total"]) == 7


def test_gradescope_export_has_the_documented_fields(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    result = learn(runner, "--db", str(target), "export", "--format", "gradescope",
                   "--learner", "ada")
    document = json.loads(result.stdout)
    assert set(document) == {"score", "max_score", "execution_time", "tests"}
    first = document["tests"][0]
    assert set(first) == {"name", "number", "score", "max_score", "status", "output",
                          "visibility"}
    assert first["status"] == "passed" and first["score"] == 1.0
    assert document["score"] == 1.0
    assert all(t["status"] in ("passed", "failed") for t in document["tests"])


def test_grade_gradescope_mode_grades_a_submission_folder(tmp_path, runner, home):
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "ex01_forward.py").write_text(RIGHT)
    (submission / "ex02_cost.py").write_text("def cost(a, y):\n    return a - y\n")
    results = tmp_path / "results" / "results.json"
    course = tmp_path / "course.toml"
    course.write_text('[points]\nex01 = 2\nex02 = 3\nex03 = 5\n\n[visibility]\n'
                      'ex03 = "after_due_date"\n')
    learn(runner, "grade", "--gradescope", "--submission", str(submission),
          "--results", str(results), "--course-file", str(course))
    document = json.loads(results.read_text())
    assert [t["status"] for t in document["tests"]] == ["passed", "failed", "failed"]
    # max_score is the course's points for the graded steps, not the files uploaded
    assert document["score"] == 2.0 and document["max_score"] == 10.0
    assert document["tests"][2]["output"].startswith("No file ex03_cost_derivative.py")
    assert [t["visibility"] for t in document["tests"]] == ["visible", "visible",
                                                            "after_due_date"]


def test_forget_removes_every_row_of_a_learner(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    result = learn(runner, "--db", str(target), "forget", "--learner", "bob", "--yes")
    assert result.exit_code == 0 and "Removed" in result.output
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT name FROM learners").fetchall() == [("ada",)]
    assert conn.execute("SELECT count(*) FROM attempts").fetchone() == (2,)
    assert conn.execute("SELECT learners FROM step_rollup WHERE exercise_id = 'ex01'"
                        ).fetchone() == (1,)


def test_gradescope_package_has_what_gradescope_expects(tmp_path, runner):
    import zipfile

    out = tmp_path / "autograder.zip"
    result = learn(runner, "gradescope-package", "--out", str(out))
    assert result.exit_code == 0
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        assert {"setup.sh", "run_autograder", "pyproject.toml", "grader/cli.py",
                "reference/network.py", "exercises/ex01_forward/exercise.toml"} <= names
        assert archive.getinfo("run_autograder").external_attr >> 16 & 0o111
        assert b"grade --gradescope" in archive.read("run_autograder")
        assert b"--as-user" in archive.read("run_autograder")
        assert not [n for n in names if n.endswith("solution.py")]
        import numpy

        assert f"numpy=={numpy.__version__}\n" in archive.read("requirements.txt").decode()
        assert b"Ubuntu 22.04 or 24.04 base image" in archive.read("setup.sh")


def test_one_learner_on_two_machines_is_one_learner(tmp_path, runner, monkeypatch):
    """The same LEARN_USER from two workspaces: one learner in the class database, with every
    attempt of both machines kept apart by its own id."""
    monkeypatch.delenv("LEARN_DB", raising=False)
    files = []
    for machine, body in (("laptop", RIGHT), ("lab", "def forward(w, x):\n    return x\n")):
        env = {"LEARN_HOME": str(tmp_path / machine), "LEARN_USER": "ada"}
        learn(runner, "path", "ex01", env=env)
        (tmp_path / machine / "ex01_forward.py").write_text(body)
        learn(runner, "check", "ex01", env=env)
        out = tmp_path / f"handin-ada-{machine}.db"
        learn(runner, "submit", "--out", str(out), env=env)
        files.append(out)
    target = tmp_path / "class.db"
    assert learn(runner, "merge", *map(str, files), "--into", str(target)).exit_code == 0
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM learners").fetchone() == (1,)
    assert conn.execute("SELECT count(DISTINCT learner_id), count(*) FROM attempts"
                        ).fetchone() == (1, 2)
    assert conn.execute("SELECT learners FROM step_rollup WHERE exercise_id = 'ex01'"
                        ).fetchone() == (1,)
    again = learn(runner, "merge", *map(str, files), "--into", str(target))
    assert again.exit_code == 0 and "added 0 learners, 0 attempts" in again.output
    exported = learn(runner, "--db", str(target), "export", "--format", "gradescope",
                     "--learner", "ada")
    assert json.loads(exported.stdout)["score"] == 1.0


def test_roster_students_without_a_handin_get_a_row_of_zeros(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    roster = tmp_path / "roster.csv"
    roster.write_text("name,student_id,email\nada,s1,a@x.org\ncy,s3,c@x.org\n")
    learn(runner, "--db", str(target), "roster", "import", str(roster))
    rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(
        learn(runner, "--db", str(target), "export").output))}
    assert set(rows) == {"ada", "bob", "cy"}
    assert rows["cy"]["student_id"] == "s3" and rows["cy"]["total"] == "0.0"



def test_a_roster_as_excel_writes_it_is_read_and_an_empty_name_refused(tmp_path, runner):
    """Excel's "CSV UTF-8" starts with a byte-order mark; some locales separate with ';'."""
    target = tmp_path / "class.db"
    learn(runner, "--db", str(target), "list")
    roster = tmp_path / "roster.csv"
    roster.write_bytes("\ufeffName;Student_ID;Email\r\nAdè;s1;a@x.org\r\ncy;s3;\r\n"
                      .encode("utf-8"))
    result = runner.invoke(cli, ["--db", str(target), "roster", "import", str(roster)])
    assert result.exit_code == 0, result.output
    assert sorted(sqlite3.connect(target).execute("SELECT name, student_id FROM roster")) == [
        ("Adè", "s1"), ("cy", "s3")]
    roster.write_text("name,student_id,email\nbo,s4,\n ,s5,e@x.org\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(target), "roster", "import", str(roster)])
    assert result.exit_code != 0 and "line 3: the name is empty" in result.output
    assert "Traceback" not in result.output
    assert sqlite3.connect(target).execute(
        "SELECT count(*) FROM roster WHERE name = 'bo'").fetchone() == (0,)  # nothing half-done
    roster.write_text('name,student_id\n"unclosed,s6\n', encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(target), "roster", "import", str(roster)])
    assert result.exit_code != 0 and "not CSV" in result.output

def test_steps_verified_counts_verified_passes_as_the_view_does(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    learn(runner, "--db", str(target), "regrade")
    rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(
        learn(runner, "--db", str(target), "export").output))}
    view = dict(sqlite3.connect(target).execute(
        "SELECT learner, steps_verified FROM learner_progress"))
    assert {name: int(row["steps_verified"]) for name, row in rows.items()} == view
    assert view == {"ada": 1, "bob": 0}  # bob's step was regraded, and failed


def test_forget_leaves_no_trace_in_the_file_or_its_log(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    secret = "def forward(w, x):\n    return w * x  # bob-9f3e1c-private\n"
    conn = sqlite3.connect(handins["bob"])
    conn.execute("UPDATE attempts SET code = ?", (secret,))
    conn.commit()
    conn.close()
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    roster = tmp_path / "roster.csv"
    roster.write_text("name,student_id,email\nbob,s2-77aa31,bob-77aa31@example.org\n")
    learn(runner, "--db", str(target), "roster", "import", str(roster))
    assert learn(runner, "--db", str(target), "forget", "--learner", "bob",
                 "--yes").exit_code == 0
    for path in (target, target.with_name("class.db-wal")):
        data = path.read_bytes() if path.exists() else b""
        for trace in (b"bob-9f3e1c-private", b"s2-77aa31", b"bob-77aa31@example.org"):
            assert trace not in data, (path.name, trace)
    assert sqlite3.connect(target).execute("SELECT name FROM roster").fetchall() == []


def test_attempts_dated_in_the_future_are_flagged_and_kept_off_the_activity_chart(
        handins, tmp_path, runner):
    forge(handins["bob"], created_at="2099-01-01T00:00:00.000+00:00")
    target = tmp_path / "class.db"
    result = learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    assert "1 attempts are dated after tomorrow" in result.output
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM attempts WHERE created_at LIKE '2099%'"
                        ).fetchone() == (1,)
    assert [d for (d,) in conn.execute("SELECT day FROM activity")
            if d.startswith("2099")] == []


def test_a_quiz_report_shows_the_slips_in_its_answers(tmp_path):
    from tests.conftest import fill_class

    db, quiz_id, slip = fill_class(tmp_path)
    text = CliRunner().invoke(cli, ["--db", str(db), "report", "--step", quiz_id]).output
    section = text.split("Misconceptions", 1)[1].split("Learners on this step")[0]
    assert slip in section and "(nothing yet)" not in section
