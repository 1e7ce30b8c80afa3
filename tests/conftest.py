import sqlite3
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

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


def fill_class(root: Path) -> tuple[Path, str, str]:
    """A class database filled through the real `learn` command: three learners on ex01 (ada
    fails twice then passes, bob fails three times, cy passes at once) and the first quiz's
    first question (ada right, bob with a typical slip). Returns (db, quiz id, slip name)."""
    from grader.cli import cli
    from grader.quiz import draw_questions, slip_answers
    from grader.spec import Course

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
    return db, quiz.id, slip_name


@pytest.fixture
def handins(tmp_path, runner, monkeypatch) -> dict[str, Path]:
    """Two learners, each on their own machine, each writing a hand-in file through the real
    `learn` command: ada fails ex01 then passes it, bob fails it once."""
    from grader.cli import cli

    monkeypatch.delenv("LEARN_DB", raising=False)
    files = {}
    for name, bodies in {"ada": [ADDED_FORWARD, RIGHT_FORWARD], "bob": [ADDED_FORWARD]}.items():
        env = {"LEARN_HOME": str(tmp_path / name), "LEARN_USER": name}
        runner.invoke(cli, ["path", "ex01"], env=env)
        for body in bodies:
            (tmp_path / name / "ex01_forward.py").write_text(body)
            runner.invoke(cli, ["check", "ex01"], env=env)
        out = tmp_path / f"handin-{name}.db"
        assert runner.invoke(cli, ["submit", "--out", str(out)], env=env).exit_code == 0
        files[name] = out
    return files


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
    from grader.grade import grade_file

    path = tmp_path / exercise.learner_filename
    path.write_text(body, encoding="utf-8")
    return grade_file(exercise, path, seed=seed)[0]
