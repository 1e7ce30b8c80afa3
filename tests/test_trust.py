"""Grades that hold: the attacks on the regrade and on Gradescope, each reproduced with files
written for the purpose, and what each ends as now (a recorded failed attempt, a verified fail
or a refused hand-in), on the sandboxed path and on the fallback ones."""

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

import pytest

from grader.cli import cli
from grader.course.spec import Course
from grader.database import rollups
from grader.grading.grade import grade_file
from grader.running import accounts
from grader.running.isolation import (
    SANDBOX_UID,
    Isolation,
    child_environment,
    choose,
    work_root,
)
from tests.conftest import RIGHT_FORWARD, forge

ROOT = os.geteuid() == 0
as_root = pytest.mark.skipif(not ROOT, reason="an unprivileged account needs the grader as root")
# The regrade's isolations: bubblewrap, the account fallback (as root), and none (-S, numpy only).
REGRADE_PATHS = ["bwrap", "none"] + (["account"] if ROOT else [])
REPO = Path(__file__).resolve().parent.parent
RIGHT = RIGHT_FORWARD


def regrade_isolation(name: str) -> Isolation:
    return choose(name, "nobody" if name == "account" else None)


def learn(runner, *args, env=None):
    return runner.invoke(cli, list(args), env=env, catch_exceptions=False)


# -- the reference cannot be reached from graded code -------------------------------------------

STEAL_VIA_NUMPY = """
import os, sys
import numpy

# The attack that used to pass: numpy's folder sits beside the installed project.
here = os.path.dirname(os.path.abspath(numpy.__file__))
for _ in range(6):
    here = os.path.dirname(here)
    sys.path.insert(0, here)
    for name in os.listdir(here) if os.path.isdir(here) else []:
        sys.path.insert(0, os.path.join(here, name))
from reference.layers import backprop as _reference


def backprop(weights, biases, activations, X, Y):
    return _reference(weights, biases, activations, X, Y)
"""


SEALED = ["bwrap"] + (["account"] if ROOT else [])


def sealed(kind: str) -> Isolation:
    return choose(kind, "nobody" if kind == "account" else None)


@pytest.mark.parametrize("kind", SEALED)
def test_graded_code_cannot_import_the_reference_through_numpys_folder(tmp_path, kind):
    # Whatever the file permissions: a sealed child's root holds the runtime, numpy and its job,
    # and nothing else (unsealed, an account sees every file it may read: docs/threat-model.md).
    exercise = Course.load().resolve("ex19")
    submission = tmp_path / exercise.learner_filename
    submission.write_text(STEAL_VIA_NUMPY)
    verdict, _ = grade_file(exercise, submission, seed=5, isolation=sealed(kind))
    assert not verdict.passed
    assert verdict.error.kind == "import" and "No module named 'reference'" in \
        verdict.error.message


WALK_EVERYTHING = r"""
import json, os, sys
MARKERS = {"reference": {"network.py", "layers.py"}, "grader": {"child.py", "grade.py"},
           "exercises": {"ex01_forward"}}
found, seen = [], 0
for top, folders, files in os.walk("/", followlinks=False):
    if top in ("/proc", "/sys", "/dev"):
        folders[:] = []
        continue
    seen += len(files) + len(folders)
    for name in folders + files:
        if "learn_backprop" in name or "learn-backprop" in name:
            found.append(os.path.join(top, name))
    for folder in folders:
        marker = MARKERS.get(folder)
        if marker and marker <= set(os.listdir(os.path.join(top, folder))):
            found.append(os.path.join(top, folder))
importable = []
for name in ("reference", "grader", "exercises", "reference.layers"):
    try:
        __import__(name)
        importable.append(name)
    except ImportError:
        pass
links = sorted({os.readlink(f"/proc/{p}/root") for p in os.listdir("/proc") if p.isdigit()
                if os.path.exists(f"/proc/{p}/root")})
print(json.dumps({"found": found, "seen": seen, "importable": importable, "roots": links,
                  "uid": os.getuid(), "path": sys.path}))
"""


def run_in_sandbox(isolation: Isolation, script: str, tmp_path: Path) -> dict:
    """Run `script` exactly where the graded child runs: the same command, mounts and user."""
    # Where the grader makes its folders, so the sandbox's own uid can pass through to them.
    folder = Path(tempfile.mkdtemp(dir=work_root()))
    os.chmod(folder, 0o755)
    job, out = folder / "job", folder / "out"
    job.mkdir(mode=0o755)
    out.mkdir()
    if isolation.owner() is not None:
        os.chown(out, *isolation.owner())
    (job / "child.py").write_text(script)
    os.chmod(job / "child.py", 0o644)
    try:
        with accounts.locked(isolation):  # as a grade holds it: no account sweep meanwhile
            done = subprocess.run(isolation.command(job, out, 0), capture_output=True,
                                  timeout=300, cwd=out, env=child_environment(out),
                                  **isolation.popen_options())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("kind", SEALED)
def test_nothing_in_the_bwrap_sandbox_leads_to_the_project(tmp_path, kind):
    seen = run_in_sandbox(sealed(kind), WALK_EVERYTHING, tmp_path)
    assert seen["seen"] > 10_000  # the walk covered the runtime (/usr and the Python prefix)
    assert seen["found"] == []
    assert seen["importable"] == []
    assert seen["roots"] == ["/"]  # every process it can see lives in the same sandbox
    assert seen["uid"] == SANDBOX_UID
    assert all(not p.startswith(str(REPO)) for p in seen["path"])


def test_the_bwrap_sandbox_has_no_network(tmp_path):
    script = ("import json, socket\ntry:\n"
              "    socket.create_connection(('127.0.0.1', 22), timeout=2)\n    r = 'connected'\n"
              "except OSError as e:\n    r = type(e).__name__\n"
              "print(json.dumps({'result': r, 'interfaces': [n for _, n in "
              "socket.if_nameindex()]}))\n")
    seen = run_in_sandbox(choose("bwrap"), script, tmp_path)
    assert seen["result"] != "connected"
    assert seen["interfaces"] == ["lo"]  # its own network namespace: loopback only


# -- the parent never writes through anything the child made ------------------------------------

PLANT_LINKS = """
import os, sys
for number in range(1, 13):
    try:
        os.symlink({target!r}, os.path.join(sys.argv[1], f"inputs_{{number}}.bin"))
    except OSError:
        pass

{solution}

_right = backprop


def backprop(weights, biases, activations, X, Y):
    deltas, grad_w, grad_b = _right(weights, biases, activations, X, Y)
    return deltas, [2 * g for g in grad_w], grad_b  # wrong, so the grader shrinks the case
"""


@pytest.mark.slow
@pytest.mark.parametrize("path", ["practice", *REGRADE_PATHS])
def test_a_planted_link_is_never_written_through(tmp_path, path):
    target = tmp_path / "precious"
    target.write_text("root's own file\n")
    target.chmod(0o600)
    exercise = Course.load().resolve("ex19")
    submission = tmp_path / exercise.learner_filename
    submission.write_text(PLANT_LINKS.format(target=str(target),
                                             solution=exercise.solution_path.read_text()))
    isolation = None if path == "practice" else regrade_isolation(path)
    verdict, _ = grade_file(exercise, submission, seed=8, isolation=isolation)
    assert not verdict.passed and verdict.failing_case is not None
    assert target.read_text() == "root's own file\n"


# -- every claim is verified --------------------------------------------------------------------

def test_a_forged_pass_with_empty_code_is_a_verified_fail(handins, tmp_path, runner):
    forge(handins["bob"], "ex05", "")  # a step bob never touched, claimed with no code at all
    forge(handins["bob"], "q01", "")  # a quiz pass without a single answer
    target = tmp_path / "class.db"
    assert learn(runner, "merge", *map(str, handins.values()), "--into",
                 str(target)).exit_code == 0
    result = learn(runner, "--db", str(target), "regrade")
    assert "2 claimed a pass that did not verify" in result.output
    assert "in the bubblewrap sandbox" in result.output
    conn = sqlite3.connect(target)
    verified = dict(((n, e), (p, i)) for n, e, p, i in conn.execute(
        "SELECT l.name, v.exercise_id, v.passed, v.isolation FROM verified v "
        "JOIN learners l ON l.id = v.learner_id"))
    assert verified[("bob", "ex05")] == (0, "bwrap")
    assert verified[("bob", "q01")] == (0, "answers")
    assert verified[("ada", "ex01")] == (1, "bwrap")
    exported = learn(runner, "--db", str(target), "export").output
    rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(exported))}
    assert rows["bob"]["ex05"] == "0.0" and rows["bob"]["q01"] == "0.0"
    assert rows["bob"]["total"] == "0.0" and rows["ada"]["total"] == "1.0"


def test_once_verified_only_verified_results_count(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    learn(runner, "--db", str(target), "regrade", "--learner", "ada")
    forge(target, "ex02", "def cost(a, y):\n    return (a - y) ** 2\n", learner="bob")
    exported = learn(runner, "--db", str(target), "export").output
    rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(exported))}
    # bob's ex01 and his (real) ex02 pass were never regraded: listed, not counted
    assert rows["bob"]["ex02"] == "0.0" and rows["bob"]["steps_unverified"] == "ex01 ex02"
    assert rows["ada"]["ex01"] == "1.0" and rows["ada"]["steps_unverified"] == ""


def test_a_regrade_with_every_claim_on_the_account_path(handins, tmp_path, runner):
    if not ROOT:
        pytest.skip("the account path needs root")
    forge(handins["bob"], "ex05", "")
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    result = learn(runner, "--db", str(target), "regrade", "--as-user", "nobody",
                   "--isolation", "account", "--json")
    outcomes = {(r["learner"], r["exercise_id"]): r for r in json.loads(result.stdout)}
    assert outcomes[("ada", "ex01")]["passed"] and outcomes[("ada", "ex01")]["isolation"] == \
        "account"
    assert not outcomes[("bob", "ex05")]["passed"] and outcomes[("bob", "ex05")]["claimed"]


def test_require_sandbox_refuses_to_grade_without_one(handins, tmp_path, runner):
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    result = learn(runner, "--db", str(target), "regrade", "--isolation", "none",
                   "--require-sandbox")
    assert result.exit_code == 2 and "no sandbox available" in result.output
    assert sqlite3.connect(target).execute("SELECT count(*) FROM verified").fetchone() == (0,)
    plain = learn(runner, "--db", str(target), "regrade", "--isolation", "none")
    assert "code run with no sandbox" in plain.output
    assert {r[0] for r in sqlite3.connect(target).execute("SELECT isolation FROM verified")} \
        == {"none"}


def test_regrade_applies_deadlines_opens_nothing_and_keeps_rollups_exact(handins, tmp_path,
                                                                           runner):
    target = tmp_path / "class.db"
    # ada's passing attempt comes after the deadline; her earlier failing one is on time
    forge(handins["ada"], "ex02", "def cost(a, y):\n    return (a - y) ** 2\n", learner="ada",
          created_at="2031-06-01T00:00:00.000+00:00")
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    course = tmp_path / "course.toml"
    course.write_text('[deadlines]\nex02 = "2031-01-01T00:00:00"\n')
    conn = sqlite3.connect(target)
    openings = conn.execute("SELECT count(*) FROM openings").fetchone()
    learn(runner, "--db", str(target), "regrade", "--course-file", str(course))
    assert conn.execute("SELECT count(*) FROM openings").fetchone() == openings
    verified = conn.execute("SELECT v.passed, v.submitted_at FROM verified v JOIN learners l "
                            "ON l.id = v.learner_id WHERE l.name = 'ada' AND "
                            "v.exercise_id = 'ex02'").fetchone()
    assert verified == (1, "2031-06-01T00:00:00.000+00:00")  # it verifies, and it is late
    exported = learn(runner, "--db", str(target), "export", "--course-file", str(course)).output
    ada = next(r for r in csv.DictReader(io.StringIO(exported)) if r["learner"] == "ada")
    assert ada["ex02"] == "0.0"
    assert ada["steps_late"] == "ex02 (151 d, after the last date: earned 0)"
    snapshot = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in rollups.ROLLUP_TABLES}
    conn.execute("BEGIN IMMEDIATE")
    rollups.recompute(conn)
    again = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
             for t in rollups.ROLLUP_TABLES}
    conn.execute("ROLLBACK")
    assert again == snapshot


# -- hand-ins are validated at merge ------------------------------------------------------------

def smuggle_learner(db: Path, name: str) -> None:
    conn = sqlite3.connect(db)
    learner_id = uuid.uuid4().hex
    conn.execute("INSERT INTO learners (id, name, os_user, created_at) VALUES (?, ?, 'x', "
                 "'2026-01-01T00:00:00.000+00:00')", (learner_id, name))
    conn.commit()
    conn.close()
    forge(db, "ex01", RIGHT, learner=name)


def test_a_handin_smuggling_a_second_learner_is_refused(handins, tmp_path, runner):
    smuggle_learner(handins["bob"], "ada")
    target = tmp_path / "class.db"
    result = learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    assert result.exit_code == 1
    assert "Refused: handin-bob.db: holds 2 learners (ada, bob)" in result.output
    names = sqlite3.connect(target).execute("SELECT name FROM learners").fetchall()
    assert names == [("ada",)]  # the valid file still merged, once


def test_a_handin_with_another_learners_id_is_refused(handins, tmp_path, runner):
    """eve copies bob's hand-in and renames its learner: her rows would join bob's."""
    eve = tmp_path / "handin-eve.db"
    shutil.copy(handins["bob"], eve)
    conn = sqlite3.connect(eve)
    conn.execute("UPDATE learners SET name = 'eve'")
    conn.execute("UPDATE attempts SET passed = 1, score = 1.0")  # and claims his step passed
    conn.commit()
    conn.close()
    target = tmp_path / "class.db"
    learn(runner, "merge", str(handins["bob"]), "--into", str(target))
    before = sqlite3.connect(target).execute("SELECT count(*), sum(passed) FROM attempts"
                                             ).fetchone()
    result = learn(runner, "merge", str(eve), "--into", str(target))
    assert result.exit_code == 1
    assert "handin-eve.db: its learner 'eve' has the id of 'bob' in the class" in result.output
    after = sqlite3.connect(target)
    assert after.execute("SELECT count(*), sum(passed) FROM attempts").fetchone() == before
    assert after.execute("SELECT name FROM learners").fetchall() == [("bob",)]


def test_names_from_files_refuses_a_handin_named_for_someone_else(handins, tmp_path, runner):
    renamed = tmp_path / "carol_1234_5678_handin-carol.db"
    shutil.copy(handins["bob"], renamed)
    lms = tmp_path / "bob_2345_6789_handin-bob.db"
    shutil.copy(handins["bob"], lms)
    target = tmp_path / "class.db"
    result = learn(runner, "merge", str(handins["ada"]), str(renamed), str(lms), "--into",
                   str(target), "--names-from-files")
    assert result.exit_code == 1
    assert "carol_1234_5678_handin-carol.db: the file is named for someone else" in result.output
    assert "bob_2345" not in result.output  # an LMS name that names its learner is fine
    names = {r[0] for r in sqlite3.connect(target).execute("SELECT name FROM learners")}
    assert names == {"ada", "bob"}


def test_regrade_rows_in_a_handin_are_refused(handins, tmp_path, runner):
    conn = sqlite3.connect(handins["bob"])
    conn.execute("UPDATE attempts SET origin = 'regrade'")
    conn.commit()
    conn.close()
    result = learn(runner, "merge", str(handins["bob"]), "--into", str(tmp_path / "c.db"))
    assert result.exit_code == 1 and "not the learner's own checks" in result.output


def test_oversized_code_in_a_handin_is_stored_as_a_failed_attempt(handins, tmp_path, runner):
    forge(handins["bob"], "ex01", RIGHT + "#" * 300_000 + "\n")
    target = tmp_path / "class.db"
    result = learn(runner, "merge", str(handins["bob"]), "--into", str(target))
    assert "1 attempts held code over the size cap" in result.output
    row = sqlite3.connect(target).execute(
        "SELECT passed, code, error_kind, error_message FROM attempts WHERE "
        "grader_version = 'forged'").fetchone()
    assert row[:3] == (0, "", "file") and "at most 256 KB" in row[3]
    again = learn(runner, "merge", str(handins["bob"]), "--into", str(target))
    assert again.exit_code == 0 and "added 0 learners, 0 attempts" in again.output


@pytest.mark.slow
# -- a killed check leaves nothing behind for long ----------------------------------------------

def test_a_sigkilled_checks_temp_folder_is_removed_by_the_next_run(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    home = tmp_path / "ws"
    env = dict(os.environ, TMPDIR=str(scratch), LEARN_HOME=str(home), LEARN_USER="ada")
    learn_command = [sys.executable, "-m", "grader.cli"]
    subprocess.run([*learn_command, "path", "ex01"], env=env, check=True, capture_output=True)
    ready = tmp_path / "ready"
    os.mkfifo(ready)
    # The learner's code says it runs (so its folder exists), then waits to be killed.
    (home / "ex01_forward.py").write_text(
        f"import time\nopen({str(ready)!r}, 'w').write('running')\ntime.sleep(60)\n")
    process = subprocess.Popen([*learn_command, "check", "ex01"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert ready.read_text() == "running"  # blocks until the child opened its end
    left = list(scratch.glob("learn-check-*"))
    assert left and f"learn-check-{process.pid}-" in left[0].name
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert left[0].exists()  # the killed grader could not clean up
    (home / "ex01_forward.py").write_text(RIGHT)
    done = subprocess.run([*learn_command, "check", "ex01"], env=env, capture_output=True)
    assert done.returncode == 0
    assert not left[0].exists()
    assert list(scratch.glob("learn-check-*")) == []


# -- Gradescope, run as Gradescope runs it -------------------------------------------------------

DETACH_AND_REWRITE = """
import os, subprocess, sys
RESULTS = {results!r}
FORGED = '{{"score": 99, "max_score": 2, "tests": [{{"status": "passed", "score": 99}}]}}'
code = f'''
import os, time
for _ in range(150):
    for attempt in (lambda: open({{RESULTS!r}}, "w").write({{FORGED!r}}),
                    lambda: os.replace("/tmp/forged", {{RESULTS!r}})):
        try:
            attempt()
        except OSError:
            pass
    time.sleep(0.05)
'''
open("/tmp/forged", "w").write(FORGED) if os.access("/tmp", os.W_OK) else None
subprocess.Popen([sys.executable, "-c", code], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def forward(w, x):
    return w * x
"""


@pytest.mark.slow
@as_root
@pytest.mark.parametrize("isolation", ["account", "auto"])
def test_run_autograder_as_gradescope_does_keeps_the_honest_score(tmp_path, runner, isolation):
    package = tmp_path / "autograder.zip"
    course = tmp_path / "course.toml"
    course.write_text("[points]\nex01 = 1\nex02 = 1\n")
    assert learn(runner, "gradescope-package", "--out", str(package), "--course-file",
                 str(course)).exit_code == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "source")
        mode = archive.getinfo("run_autograder").external_attr >> 16
    (root / "source" / "run_autograder").chmod(mode)
    (root / "submission" / "nested").mkdir(parents=True)  # students upload folders, too
    results = root / "results" / "results.json"
    (root / "results").mkdir()
    (root / "results").chmod(0o777)  # as if the platform left it open: the grader closes it
    (root / "submission" / "nested" / "ex01_forward.py").write_text(
        DETACH_AND_REWRITE.format(results=str(results)))
    os.chmod(tmp_path, 0o755)  # the account may pass through to its own folders only
    learn_bin = Path(sys.executable).with_name("learn")
    env = dict(os.environ, AUTOGRADER_ROOT=str(root), LEARN_BIN=str(learn_bin),
               LEARN_GRADER_ACCOUNT="nobody", LEARN_ISOLATION=isolation)
    done = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    honest = json.loads(results.read_text())
    assert honest["score"] == 1.0 and honest["max_score"] == 2.0
    time.sleep(3)  # the detached writer had every chance by now
    assert json.loads(results.read_text()) == honest
    with accounts.AccountLock("nobody"):  # no other grader's child runs as nobody meanwhile
        assert accounts.account_processes(accounts.account_entry("nobody").pw_uid) == []
    assert oct(os.stat(root / "results").st_mode & 0o777) == "0o755"


def test_one_hostile_submission_does_not_stop_a_regrade(handins, tmp_path, runner):
    garbage = ("import __main__, os\n"
               "__main__.write_all = lambda fd, data: os.write(fd, b'garbage' * 100)\n" + RIGHT)
    forge(handins["bob"], "ex01", garbage)
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    result = learn(runner, "--db", str(target), "regrade", "--json")
    assert result.exit_code == 0
    outcomes = {r["learner"]: r for r in json.loads(result.stdout)}
    assert outcomes["ada"]["passed"]
    assert not outcomes["bob"]["passed"] and "protocol" in outcomes["bob"]["reason"]


def test_learn_check_sandbox_grades_in_bubblewrap(runner, home):
    learn(runner, "path", "ex01")
    (home / "ex01_forward.py").write_text(
        "import os\nassert not os.path.exists(" + repr(str(home / "progress.db")) + ")\n" + RIGHT)
    sandboxed = learn(runner, "check", "ex01", "--sandbox", "--json")
    assert json.loads(sandboxed.stdout)["passed"]  # the workspace is out of its sight
    practice = learn(runner, "check", "ex01", "--json")
    assert json.loads(practice.stdout)["error"]["kind"] == "import"  # a practice check sees it


def test_the_gradescope_scripts_are_valid_bash(tmp_path, runner):
    package = tmp_path / "autograder.zip"
    learn(runner, "gradescope-package", "--out", str(package))
    with zipfile.ZipFile(package) as archive:
        for name in ("setup.sh", "run_autograder"):
            script = tmp_path / name
            script.write_bytes(archive.read(name))
            done = subprocess.run(["bash", "-n", str(script)], capture_output=True)
            assert done.returncode == 0, (name, done.stderr)


def test_a_parallel_regrade_equals_a_serial_one_and_a_rerun_continues(tmp_path, runner):
    from grader.instructor.classroom import Classroom, RegradeOptions

    sources = []
    for n in range(6):
        db = tmp_path / f"l{n}.db"
        env = {"LEARN_HOME": str(tmp_path / f"h{n}"), "LEARN_USER": f"l{n}",
               "LEARN_DB": str(db)}
        learn(runner, "path", "ex01", env=env)
        (tmp_path / f"h{n}" / "ex01_forward.py").write_text(RIGHT if n % 2 else
                                                            "def forward(w, x):\n    return x\n")
        learn(runner, "check", "ex01", env=env)
        sources.append(db)
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    for target in (serial, parallel):
        learn(runner, "merge", *map(str, sources), "--into", str(target))
    learn(runner, "--db", str(serial), "regrade", "--jobs", "1")
    result = learn(runner, "--db", str(parallel), "regrade", "--jobs", "2")
    assert "6 submissions regraded" in result.output and "2 at a time" in result.output

    def outcomes(db):
        return sorted(sqlite3.connect(db).execute(
            "SELECT l.name, v.exercise_id, v.passed, v.isolation FROM verified v "
            "JOIN learners l ON l.id = v.learner_id").fetchall())

    assert outcomes(parallel) == outcomes(serial)
    again = learn(runner, "--db", str(parallel), "regrade", "--jobs", "2")
    assert "0 submissions regraded" in again.output and "6 verified before" in again.output
    forced = learn(runner, "--db", str(parallel), "regrade", "--again")
    assert "6 submissions regraded" in forced.output

    # Interrupted after two results: those two are kept, and a rerun grades the other four.
    stopped = tmp_path / "stopped.db"
    learn(runner, "merge", *map(str, sources), "--into", str(stopped))

    def interrupt(result, finished, total):
        if finished == 2:
            raise KeyboardInterrupt

    classroom = Classroom(db=stopped)
    with pytest.raises(KeyboardInterrupt):
        classroom.regrade(RegradeOptions(jobs=2), done=interrupt)
    classroom.close()
    assert len(outcomes(stopped)) == 2
    rest = learn(runner, "--db", str(stopped), "regrade", "--jobs", "2")
    assert "4 submissions regraded" in rest.output and "2 verified before" in rest.output
    assert outcomes(stopped) == outcomes(serial)


def schema_as_at(conn: sqlite3.Connection, version: int) -> None:
    """Make a file written now look written at schema `version`: drop what later migrations
    added (tables, views, indexes, columns)."""
    from grader.instructor.handins import expected_schema

    _, shapes = expected_schema(version)
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE "
                                   "'sqlite_%' ORDER BY type = 'table'").fetchall():
        if name not in shapes:
            conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        elif kind == "table":
            then = sqlite3.connect(":memory:")
            then.execute(shapes_sql(version, name))
            kept = {c[1] for c in then.execute(f"PRAGMA table_info({name})")}
            for column in [c[1] for c in conn.execute(f"PRAGMA table_info({name})")]:
                if column not in kept:
                    conn.execute(f"ALTER TABLE {name} DROP COLUMN {column}")
    conn.execute(f"PRAGMA user_version = {version}")


def shapes_sql(version: int, table: str) -> str:
    from grader.instructor.handins import expected_schema

    rows, _ = expected_schema(version)
    return next(sql for kind, name, _, sql in rows if kind == "table" and name == table)


def test_a_handin_from_before_stage_g_keeps_its_beyond_steps(handins, tmp_path, runner):
    """Written at schema 8, when the cross-entropy step was ex24: merged, it is ex33."""
    old = handins["ada"]
    conn = sqlite3.connect(old)
    conn.execute("UPDATE attempts SET exercise_id = 'ex24'")
    conn.execute("UPDATE openings SET exercise_id = 'ex24'")
    schema_as_at(conn, 8)
    conn.commit()
    conn.close()
    target = tmp_path / "class.db"
    result = learn(runner, "merge", str(old), "--into", str(target))
    assert result.exit_code == 0, result.output
    steps = sqlite3.connect(target).execute("SELECT DISTINCT exercise_id FROM attempts")
    assert steps.fetchall() == [("ex33",)]
