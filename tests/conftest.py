import dataclasses
import os
import shutil
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

# A LEARN_NOW with no offset is local time, and a review day starts at 04:00 local: the suite's
# clock reads the same on every machine (and its children inherit it).
os.environ["TZ"] = "UTC"
time.tzset()

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fresh workspace with its own database and learner, isolated from the developer's."""
    workspace = tmp_path / "ws"
    monkeypatch.setenv("LEARN_HOME", str(workspace))
    monkeypatch.setenv("LEARN_USER", "ada")
    monkeypatch.delenv("LEARN_DB", raising=False)
    monkeypatch.delenv("LEARN_EXERCISES", raising=False)
    return workspace


@pytest.fixture
def fixture_course(home, monkeypatch) -> Path:
    monkeypatch.setenv("LEARN_EXERCISES", str(FIXTURE_COURSE))
    return FIXTURE_COURSE


ROOMY_SECONDS = 20.0


@pytest.fixture
def roomy(monkeypatch):
    """fx01 with 20 s to run instead of 1.5, for what should end a grade before its clock does
    (a cap on memory or output, a walk of the filesystem, processes): another suite beside this
    one must not turn them into time-outs."""
    from grader.course import spec

    real = spec.Course.resolve

    def resolve(self, name):
        exercise = real(self, name)
        if exercise.id == "fx01":
            exercise.spec = dataclasses.replace(exercise.spec, time_limit=ROOMY_SECONDS)
        return exercise

    monkeypatch.setattr(spec.Course, "resolve", resolve)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def attempts(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM attempts ORDER BY created_at")]
    finally:
        conn.close()


RIGHT_FORWARD = "def forward(w, x):\n    return w * x\n"
ADDED_FORWARD = "def forward(w, x):\n    return w + x\n"  # the `added` misconception
SQUARED_FORWARD = "def forward(w, x):\n    return w * w * x\n"  # `squared_weight`


_built: dict = {}  # what this run built once, for `fill_class` (a plain function)


@pytest.fixture(scope="session", autouse=True)
def _built_once(tmp_path_factory):
    """Where `fill_class` builds its class, once a run, when first asked (module fixtures in
    other files call it as a function, so it cannot ask for a fixture itself)."""
    _built["folders"] = tmp_path_factory
    yield
    _built.clear()


def fill_class(root: Path) -> tuple[Path, str, str]:
    """A copy in `root` (root/class.db, free to change) of a class database filled through the
    real `learn` command once a run: three learners on ex01 (ada fails twice then passes, bob
    fails three times, cy passes at once) and the first quiz's first question (ada right, bob
    with a typical slip). Returns (db, quiz id, slip name)."""
    if "class" not in _built:
        _built["class"] = _fill_class(_built["folders"].mktemp("class"))
    built, quiz_id, slip_name = _built["class"]
    root.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(built, root / "class.db")), quiz_id, slip_name


def _fill_class(root: Path) -> tuple[Path, str, str]:
    from grader.cli import cli
    from grader.course.spec import Course
    from grader.grading.quiz import draw_questions, slip_answers

    db = root / "class.db"
    runner = CliRunner()
    plan = {"ada": [ADDED_FORWARD, ADDED_FORWARD, RIGHT_FORWARD],
            "bob": [ADDED_FORWARD, SQUARED_FORWARD, ADDED_FORWARD], "cy": [RIGHT_FORWARD]}
    for learner, bodies in plan.items():
        home = root / learner
        env = {"LEARN_HOME": str(home), "LEARN_DB": str(db), "LEARN_USER": learner}
        runner.invoke(cli, ["path", "ex01"], env=env)
        for body in bodies:
            (home / "ex01_forward.py").write_text(body)
            runner.invoke(cli, ["check", "ex01"], env=env)
    quiz = next(e for e in Course.load() if e.is_quiz)
    questions = draw_questions(quiz, 4)
    slip_text, slip_name = slip_answers(questions[0])[0]
    for learner, first in (("ada", questions[0].right_answer()), ("bob", slip_text)):
        env = {"LEARN_HOME": str(root / learner), "LEARN_DB": str(db), "LEARN_USER": learner}
        runner.invoke(cli, ["quiz", quiz.id, "--seed", "4", "--answer", f"1={first}"], env=env)
    assert not db.with_name("class.db-wal").exists()  # (a copy of class.db alone is the class)
    return db, quiz.id, slip_name


@pytest.fixture(scope="session")
def handins_built(tmp_path_factory) -> dict[str, Path]:
    """The hand-ins of `handins`, written once a run."""
    from grader.cli import cli

    root, runner, files = tmp_path_factory.mktemp("handins"), CliRunner(), {}
    for name, bodies in {"ada": [ADDED_FORWARD, RIGHT_FORWARD], "bob": [ADDED_FORWARD]}.items():
        env = {"LEARN_HOME": str(root / name), "LEARN_USER": name, "LEARN_DB": None}
        runner.invoke(cli, ["path", "ex01"], env=env)
        for body in bodies:
            (root / name / "ex01_forward.py").write_text(body)
            runner.invoke(cli, ["check", "ex01"], env=env)
        out = root / f"handin-{name}.db"
        assert runner.invoke(cli, ["submit", "--out", str(out)], env=env).exit_code == 0
        assert not out.with_name(out.name + "-wal").exists()
        files[name] = out
    return files


@pytest.fixture
def handins(handins_built, tmp_path, monkeypatch) -> dict[str, Path]:
    """Two learners, each on their own machine, each writing a hand-in file through the real
    `learn` command: ada fails ex01 then passes it, bob fails it once. Written once a run;
    each test gets its own copies (tmp_path/handin-ada.db, handin-bob.db) to change at will."""
    monkeypatch.delenv("LEARN_DB", raising=False)
    return {name: Path(shutil.copy(built, tmp_path / built.name))
            for name, built in handins_built.items()}


def forge(db: Path, exercise_id: str = "ex01", code: str = ADDED_FORWARD, learner: str = "bob",
          created_at: str = "2030-01-01T00:00:00.000+00:00") -> None:
    """What a learner can do to their own file: a passing row the grader never wrote."""
    conn = sqlite3.connect(db)
    learner_id = conn.execute("SELECT id FROM learners WHERE name = ?", (learner,)).fetchone()[0]
    conn.execute(
        "INSERT INTO attempts (id, learner_id, exercise_id, exercise_hash, created_at, "
        "duration_ms, seed, passed, score, cases_total, cases_passed, code_sha256, code, "
        "grader_version, origin) VALUES (?, ?, ?, 'h', ?, 1, 1, 1, 1.0, 20, 20, 'x', ?, "
        "'forged', 'local')", (uuid.uuid4().hex, learner_id, exercise_id, created_at, code))
    conn.commit()
    conn.close()


def graded(tmp_path: Path, exercise, body: str, seed: int = 4):
    """The verdict on `body`, written as the learner's file for `exercise`."""
    from grader.grading.grade import grade_file

    path = tmp_path / exercise.learner_filename
    path.write_text(body, encoding="utf-8")
    return grade_file(exercise, path, seed=seed)[0]
