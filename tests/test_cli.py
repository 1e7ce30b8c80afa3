"""The `learn` command through click's CliRunner, and once as the installed entry point."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.cli import cli
from grader.instructor.exports import FORMATS
from grader.running.isolation import ISOLATIONS

from .conftest import attempts


def run(runner, *args, input=None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def test_every_command_has_help_text():
    commands = dict(cli.commands, **{f"roster {n}": c for n, c in cli.commands["roster"].commands
                                     .items()})
    for name, command in commands.items():
        assert command.help and "Example:" in command.help, name


def choices(command: str, option: str) -> list[str]:
    [param] = [p for p in cli.commands[command].params if p.name == option]
    return list(param.type.choices)


def test_the_clis_lists_of_kinds_and_formats_are_the_libraries():
    # spelt out in the cli so that `learn next` need not import the sandbox or the exports
    assert choices("regrade", "isolation") == ["auto", *ISOLATIONS]
    assert choices("grade", "isolation") == ["auto", *ISOLATIONS]
    assert choices("export", "fmt") == list(FORMATS)


def test_help_lists_the_learners_commands_then_the_instructors(runner):
    from grader.cli import INSTRUCTOR_COMMANDS, LEARNER_COMMANDS

    assert sorted(LEARNER_COMMANDS + INSTRUCTOR_COMMANDS) == sorted(cli.commands)
    shown = run(runner, "--help").output
    learners = shown.index("Commands for learners:")
    instructors = shown.index("Commands for instructors:")
    assert learners < instructors
    for name in LEARNER_COMMANDS:
        assert learners < shown.index(f"\n  {name} ") < instructors, name
    for name in INSTRUCTOR_COMMANDS:
        assert shown.index(f"\n  {name} ") > instructors, name
    assert "The instructor's commands are below" in shown[learners:instructors]
    assert "start with `learn next`" in shown[instructors:]


def test_grade_insists_on_saying_gradescope(runner, tmp_path):
    result = runner.invoke(cli, ["grade", "--submission", str(tmp_path)])
    assert result.exit_code == 2 and "Missing option '--gradescope'" in result.output


def test_first_use_creates_the_workspace_and_shows_ex01(runner, home):
    result = run(runner, "next")
    assert result.exit_code == 0
    assert "ex01" in result.output and "forward(w, x)" in result.output
    assert (home / "ex01_forward.py").is_file()
    assert "Created your workspace" in result.stderr


@pytest.mark.slow  # an endless loop runs to its time limit
def test_learner_loop_end_to_end(runner, home):
    """The foundation's 'done means': stub fails and is recorded, a correct answer passes and
    `learn next` moves on, a known slip is named, an endless loop is a recorded timeout."""
    run(runner, "next")
    stub = run(runner, "check", "ex01")
    assert stub.exit_code == 1
    assert "not written yet" in stub.output
    assert len(attempts(home / "progress.db")) == 1

    (home / "ex01_forward.py").write_text("def forward(w, x):\n    return w * x\n")
    passed = run(runner, "check", "ex01")
    assert passed.exit_code == 0, passed.output
    assert "passed" in passed.output and "ex02" in passed.output
    assert "ex02" in run(runner, "next").output.splitlines()[0]

    path = Path(run(runner, "path", "ex03").output.strip())
    path.write_text("def cost_derivative(a, y):\n    return 2*a - y\n")
    slip = run(runner, "check", "3", "--json")
    assert slip.exit_code == 1
    document = json.loads(slip.stdout)
    assert document["diagnosis"]["name"] == "two_a_minus_y"
    assert document["recorded"] and document["attempt_id"]

    (home / "ex01_forward.py").write_text("def forward(w, x):\n    while True:\n        pass\n")
    hung = run(runner, "check", "ex01_forward", "--json")
    assert json.loads(hung.stdout)["error"]["kind"] == "timeout"

    rows = attempts(home / "progress.db")
    assert [r["passed"] for r in rows] == [0, 1, 0, 0]
    assert rows[-1]["error_kind"] == "timeout"
    assert rows[2]["diagnosis"] == "two_a_minus_y" and "2*a - y" in rows[2]["code"]


def test_check_json_document(runner, home):
    result = run(runner, "check", "ex01", "--json", "--seed", "42")
    document = json.loads(result.stdout)
    for key in ("id", "passed", "score", "seed", "attempt_id", "diagnosis", "error",
                "failing_case"):
        assert key in document
    assert document["seed"] == 42 and document["passed"] is False
    assert document["error"]["kind"] == "not_implemented"


def test_seed_replays_the_same_failing_case(runner, home):
    run(runner, "next")
    (home / "ex01_forward.py").write_text("def forward(w, x):\n    return w + x\n")
    first = json.loads(run(runner, "check", "ex01", "--json", "--seed", "7").stdout)
    again = json.loads(run(runner, "check", "ex01", "--json", "--seed", "7").stdout)
    assert first["failing_case"] == again["failing_case"]
    assert first["attempt_id"] != again["attempt_id"]


def test_unknown_exercise_is_a_usage_error_with_suggestions(runner, home):
    result = run(runner, "check", "ex01_forwrd")
    assert result.exit_code == 2
    assert "Did you mean ex01" in result.stderr
    assert run(runner, "path", "ex1").output.strip().endswith("ex01_forward.py")
    assert not (home / "progress.db").exists() or attempts(home / "progress.db") == []


def test_list_shows_status(runner, home):
    run(runner, "next")
    (home / "ex01_forward.py").write_text("def forward(w, x):\n    return w * x\n")
    run(runner, "check")
    document = json.loads(run(runner, "list", "--json").stdout)
    assert document["passed"] == 1 and document["total"] >= 5
    assert document["steps"][0]["passed"] and document["steps"][1]["current"]
    text = run(runner, "list").output
    assert "[✓] ex01" in text and "→" in text


def test_hints_come_one_at_a_time_and_are_recorded(runner, home):
    first = run(runner, "hint", "ex01").output
    second = run(runner, "hint", "ex01").output
    assert first.startswith("Hint 1 of") and second.startswith("Hint 2 of")
    import sqlite3

    shown = sqlite3.connect(home / "progress.db").execute("SELECT count(*) FROM hints")
    assert shown.fetchone()[0] == 2


def test_reset_asks_first(runner, home):
    run(runner, "next")
    path = home / "ex01_forward.py"
    path.write_text("my work")
    declined = run(runner, "reset", "ex01", input="n\n")
    assert declined.exit_code == 1 and path.read_text() == "my work"
    assert run(runner, "reset", "ex01", "--yes").exit_code == 0
    assert "NotImplementedError" in path.read_text()


def test_shared_database_keeps_learners_apart(runner, home, tmp_path):
    db = tmp_path / "class.db"
    run(runner, "--db", str(db), "--user", "ada", "check", "ex01")
    run(runner, "--db", str(db), "--user", "bob", "check", "ex01")
    rows = attempts(db)
    assert len(rows) == 2 and rows[0]["learner_id"] != rows[1]["learner_id"]


def test_unwritable_store_still_prints_the_verdict(runner, home, tmp_path):
    bad = tmp_path / "not-a-db"
    bad.write_bytes(b"garbage" * 1000)
    result = run(runner, "--db", str(bad), "check", "ex01")
    assert result.exit_code == 3
    assert "ex01 failed" in result.output
    assert "NOT recorded" in result.output


def test_validate_reports_a_broken_folder(runner, tmp_path):
    source = Path(__file__).parent / "fixtures" / "course" / "fx01_double"
    broken = tmp_path / "fx01_double"
    shutil.copytree(source, broken)
    toml = broken / "exercise.toml"
    toml.write_text(toml.read_text().replace("time_limit = 1.5", "time_limit = -1"))
    result = run(runner, "validate", str(broken))
    assert result.exit_code == 1
    assert "exercise.toml" in result.output and "time_limit" in result.output


def test_installed_entry_point_runs(tmp_path):
    learn = Path(sys.executable).parent / "learn"
    if not learn.exists():
        pytest.fail("the `learn` console script is not installed next to this Python")
    env = {"LEARN_HOME": str(tmp_path / "ws"), "LEARN_USER": "ada", "PATH": "/usr/bin:/bin"}
    version = subprocess.run([learn, "--version"], capture_output=True, text=True, env=env)
    assert version.returncode == 0 and "learn-backprop" in version.stdout
    check = subprocess.run([learn, "check", "ex01"], capture_output=True, text=True, env=env)
    assert check.returncode == 1 and "ex01 failed" in check.stdout


def test_global_options_work_after_the_command_too(runner, home, tmp_path):
    db = tmp_path / "shared.db"
    run(runner, "check", "ex01", "--db", str(db), "--user", "bob")
    after = json.loads(run(runner, "list", "--json", "--db", str(db), "--user=bob").stdout)
    before = json.loads(run(runner, "--db", str(db), "--user", "bob", "list", "--json").stdout)
    assert after == before and after["steps"][0]["attempts"] == 1
    other = json.loads(run(runner, "list", "--json", "--db", str(db), "--user", "cy").stdout)
    assert other["steps"][0]["attempts"] == 0
