"""The Gradescope autograder zip: setup.sh on Ubuntu 22.04 and 24.04 (apt-get, useradd and the
Pythons faked on PATH, recording what they were asked), requirements.txt, one package per
assignment, quizzes named rather than dropped, scores never above their maximum, and the
words of `learn export --format gradescope`."""

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.course.coursefile import CourseFile, load
from grader.course.spec import Course
from grader.instructor.exports import GradeRow
from grader.instructor.gradescope import pinned_requirements, results_from_database
from tests.conftest import RIGHT_FORWARD

ROOT = Path(__file__).resolve().parent.parent
WEEKS = """
[assignments.week1]
steps = ["ex01", "ex02", "ex03", "ex04", "ex05", "ex06", "ex07"]
points = 10

[assignments.week2]
steps = ["ex08", "q01", "q02"]
points = 3
"""


def learn(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def weeks(tmp_path, home) -> Path:
    course = tmp_path / "course.toml"
    course.write_text(WEEKS)
    return course


# setup.sh ---------------------------------------------------------------------------------

FAKE_TOOL = """#!/usr/bin/env bash
echo "$(basename "$0") $*" >> "$FAKE_LOG"
"""

# A Python as the image has it, up to `-m venv`: the venv it makes holds a pip that records,
# and a `learn` that writes what grading a starter writes (the self-check's input).
FAKE_PYTHON = FAKE_TOOL + """case "$1" in
  --version) echo "Python $FAKE_VERSION" ;;
  -c) exec "$REAL_PYTHON" "$@" ;;
  -m) mkdir -p "$3/bin"
      printf '#!/usr/bin/env bash\\necho "venv-pip $*" >> "$FAKE_LOG"\\n' > "$3/bin/pip"
      printf '#!/usr/bin/env bash\\nexec "$REAL_PYTHON" "$@"\\n' > "$3/bin/python"
      cat > "$3/bin/learn" <<'EOF'
#!/usr/bin/env bash
echo "venv-learn $*" >> "$FAKE_LOG"
while [ "$1" != --results ]; do shift; done
echo '{"output": "Graded 1 of 1 steps.", "tests": [{"output": "not written yet"}]}' > "$2"
EOF
      chmod +x "$3/bin/"* ;;
esac
"""


def run_setup(tmp_path: Path, os_release: str, zip_args=()) -> tuple[subprocess.CompletedProcess,
                                                                    str, Path]:
    """setup.sh of a fresh zip, laid out as Gradescope lays it out, on a faked image."""
    package = tmp_path / "autograder.zip"
    assert learn("gradescope-package", "--out", str(package), *zip_args).exit_code == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "source")
    fake = tmp_path / "bin"
    fake.mkdir()
    for tool in ("apt-get", "useradd", "chown"):
        (fake / tool).write_text(FAKE_TOOL)
    for python in ("python3", "python3.11"):
        (fake / python).write_text(FAKE_PYTHON)
    for path in fake.iterdir():
        path.chmod(0o755)
    (tmp_path / "os-release").write_text(os_release)
    log = tmp_path / "log"
    log.touch()
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}", FAKE_LOG=str(log),
               FAKE_VERSION="3.11.0rc1" if "22.04" in os_release else "3.12.3",
               REAL_PYTHON=sys.executable, AUTOGRADER_ROOT=str(root),
               LEARN_OS_RELEASE=str(tmp_path / "os-release"),
               LEARN_GRADER_ACCOUNT="lbp-no-such-account")
    done = subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env,
                          capture_output=True, text=True, timeout=60)
    return done, log.read_text(), root


@pytest.mark.parametrize("version, python, packages, why", [
    ("22.04", "python3.11", "python3.11 python3.11-venv",
     "Ubuntu 22.04's python3 is 3.10, too old; python3.11 is in Ubuntu's universe archive"),
    ("24.04", "python3", "python3 python3-venv", "Ubuntu 24.04's own python3"),
])
def test_setup_sh_builds_the_venv_with_the_images_supported_python(tmp_path, home, version,
                                                                   python, packages, why):
    done, log, root = run_setup(tmp_path, f'ID=ubuntu\nVERSION_ID="{version}"\n')
    assert done.returncode == 0, done.stderr
    calls = log.splitlines()
    assert f"apt-get install -y -q {packages}" in calls
    assert f"{python} -m venv {root}/venv" in calls
    assert f"venv-pip install -q -r {root}/source/requirements.txt" in calls
    assert f"venv-pip install -q --no-deps {root}/source" in calls
    assert "useradd --system --no-create-home --shell /usr/sbin/nologin lbp-no-such-account" \
        in calls
    other = "python3.11" if python == "python3" else "python3"
    assert not [c for c in calls if c.startswith(f"{other} ")]  # the other Python is not used
    version_said = "3.11.0rc1" if version == "22.04" else "3.12.3"
    assert f"learn-backprop: grading with Python {version_said} ({python}): {why}." \
        in done.stdout
    assert "learn-backprop self-check passed" in done.stdout


@pytest.mark.parametrize("os_release, name", [
    ('ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
     "Debian GNU/Linux 12 (bookworm)"),
    ('ID=ubuntu\nVERSION_ID="20.04"\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\n', "Ubuntu 20.04.6 LTS"),
    ("ID=ubuntu\n", "an unknown system"),
])
def test_setup_sh_refuses_other_images_in_one_line(tmp_path, home, os_release, name):
    done, log, _ = run_setup(tmp_path, os_release)
    assert done.returncode == 1
    assert done.stderr == ("learn-backprop needs Gradescope's Ubuntu 22.04 or 24.04 base image; "
                           f"this is {name}. Choose one of them in the autograder settings.\n")
    assert log == ""  # nothing installed


def test_the_package_message_says_which_python_each_image_uses(tmp_path, home):
    result = learn("gradescope-package", "--out", str(tmp_path / "a.zip"))
    assert "Ubuntu 22.04 or 24.04" in result.output
    assert "python3.11 from Ubuntu's universe archive on 22.04 (its python3 is 3.10" \
        in result.output


# requirements.txt -------------------------------------------------------------------------

def test_requirements_pin_what_runs_and_no_build_tool(tmp_path, home):
    package = tmp_path / "autograder.zip"
    learn("gradescope-package", "--out", str(package))
    with zipfile.ZipFile(package) as archive:
        lines = archive.read("requirements.txt").decode().splitlines()
    pins = dict(line.split("==") for line in lines if line and not line.startswith("#"))
    assert not {"pip", "setuptools", "wheel"} & set(pins)
    import numpy
    import pydantic

    assert pins["numpy"] == numpy.__version__ and pins["pydantic"] == pydantic.VERSION


@pytest.mark.parametrize("packaging", [True, False])
def test_a_version_one_images_python_cannot_run_becomes_a_range(monkeypatch, packaging):
    """numpy 2.5 needs Python 3.12: pinned exactly, Ubuntu 22.04's 3.11 could not install it.
    Also read where `packaging` is not installed (a fresh venv)."""
    from importlib import metadata

    if not packaging:
        monkeypatch.setitem(sys.modules, "packaging.specifiers", None)
    real = metadata.metadata
    monkeypatch.setattr(metadata, "metadata", lambda name: {"Requires-Python": ">=3.12"}
                        if name == "numpy" else real(name))
    lines = pinned_requirements().splitlines()
    assert "numpy>=1.26,<3" in lines  # learn-backprop's own floor, below the next major
    assert not [line for line in lines if line.startswith("numpy==")]
    said = lines[lines.index("numpy>=1.26,<3") - 1]
    assert said.startswith("# numpy ") and "needs Python >=3.12" in said
    assert "pydantic==" + metadata.version("pydantic") in lines  # the others stay exact


def test_a_plain_install_of_the_source_has_every_package_the_grader_imports():
    """setup.sh installs the zip's source without -e: only the packages pyproject.toml finds
    go in, and `learn grade` imports grader.running and grader.pictures."""
    from setuptools import find_packages

    include = tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "tool"]["setuptools"]["packages"]["find"]["include"]
    listed = set(find_packages(str(ROOT), include=include))
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for top in ("grader", "reference") for p in (ROOT / top).rglob("__init__.py")}
    assert found <= listed


# one package per assignment, quizzes ------------------------------------------------------

def test_a_package_per_assignment_grades_only_its_steps(tmp_path, weeks):
    package = tmp_path / "week1.zip"
    result = learn("gradescope-package", "--out", str(package), "--course-file", str(weeks),
                   "--assignment", "week1")
    assert result.exit_code == 0, result.output
    assert "it grades 7 code steps of week1, worth 10 points." in result.output
    with zipfile.ZipFile(package) as archive:
        for script in ("run_autograder", "setup.sh"):
            text = archive.read(script).decode()
            assert '--course-file "$ROOT/source/course.toml" --assignment week1' in text


def test_an_unknown_assignment_is_a_one_line_error_naming_the_known_ones(tmp_path, weeks):
    for command in (["gradescope-package", "--out", str(tmp_path / "a.zip")],
                    ["grade", "--gradescope", "--submission", str(tmp_path),
                     "--results", str(tmp_path / "r" / "results.json")]):
        result = learn(*command, "--course-file", str(weeks), "--assignment", "week9")
        assert result.exit_code == 2
        assert result.output == "Error: no assignment called 'week9' (week1, week2)\n"
    assert not (tmp_path / "a.zip").exists()


def test_quizzes_are_named_in_the_package_message_never_dropped(tmp_path, weeks):
    result = learn("gradescope-package", "--out", str(tmp_path / "w2.zip"),
                   "--course-file", str(weeks), "--assignment", "week2")
    assert ("it grades 1 code step of week2, worth 1 points. q01, q02 are quizzes: not graded "
            "by this package; they are graded from hand-ins with learn export.") in result.output
    whole = learn("gradescope-package", "--out", str(tmp_path / "all.zip"))
    quizzes = [e.id for e in Course.load() if e.is_quiz]
    assert f"{', '.join(quizzes)} are quizzes: not graded" in whole.output


@pytest.mark.slow  # grades a step in the sandbox
def test_grade_an_assignment_ten_points_over_seven_steps(tmp_path, weeks):
    """10 points shared by 7 steps: each is worth 10/7, which rounds to 1.4286 as a score and as
    a maximum alike, and the document's maximum is 10, not 7 × 1.4286."""
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "ex01_forward.py").write_text(RIGHT_FORWARD)
    results = tmp_path / "results" / "results.json"
    result = learn("grade", "--gradescope", "--submission", str(submission), "--results",
                   str(results), "--course-file", str(weeks), "--assignment", "week1")
    assert result.exit_code == 0, result.output
    document = json.loads(results.read_text())
    assert [t["name"].split(" ")[0] for t in document["tests"]] == \
        ["ex01", "ex02", "ex03", "ex04", "ex05", "ex06", "ex07"]
    assert all(t["score"] <= t["max_score"] for t in document["tests"])
    assert document["tests"][0]["score"] == document["tests"][0]["max_score"] == 1.4286
    assert round(sum(t["max_score"] for t in document["tests"]), 3) == 10
    assert document["max_score"] == 10 and document["score"] == 1.4286


def test_results_name_the_quizzes_the_assignment_leaves_out(tmp_path, weeks):
    results = tmp_path / "results" / "results.json"
    (tmp_path / "submission").mkdir()
    learn("grade", "--gradescope", "--submission", str(tmp_path / "submission"), "--results",
          str(results), "--course-file", str(weeks), "--assignment", "week2")
    document = json.loads(results.read_text())
    assert [t["name"].split(" ")[0] for t in document["tests"]] == ["ex08"]
    assert document["output"].endswith("q01, q02 are quizzes: not graded by this package; they "
                                       "are graded from hand-ins with learn export.")


# results from the class database ----------------------------------------------------------

def row(**fields) -> GradeRow:
    return GradeRow(**{"learner": "ada", "student_id": "", "email": "", "scores": {},
                       "verified": {}, "late": [], "unverified": [], **fields})


def test_every_full_score_equals_its_maximum_and_the_total_is_rounded_once(tmp_path):
    course_file = tmp_path / "course.toml"
    course_file.write_text(WEEKS)
    steps = ["ex01", "ex02", "ex03", "ex04", "ex05", "ex06", "ex07"]
    document = results_from_database(steps, row(scores=dict.fromkeys(steps, 1.0)),
                                     Course.load(), load(course_file))
    assert [t["score"] for t in document["tests"]] == [t["max_score"] for t in
                                                        document["tests"]] == [1.4286] * 7
    assert document["score"] == document["max_score"] == 10


def test_an_override_says_it_was_set_by_the_instructor_and_why():
    ada = row(scores={"ex01": 1.0, "ex02": 1.0}, verified={"ex02": True},
              overrides={"ex01": "marked by hand: the grader timed out"})
    tests = results_from_database(["ex01", "ex02"], ada, Course.load(), CourseFile())["tests"]
    assert tests[0]["output"] == "100%, set by the instructor: marked by hand: the grader timed out"
    assert tests[1]["output"] == "best score 100%, verified by regrade"


def test_late_work_says_how_late_and_that_work_after_the_last_date_earned_nothing():
    ada = row(scores={"ex01": 0.0, "ex02": 0.8}, verified={"ex01": True, "ex02": True},
              late=["ex01", "ex02"], late_days={"ex01": 9, "ex02": 1}, after_last=["ex01"])
    tests = results_from_database(["ex01", "ex02"], ada, Course.load(), CourseFile())["tests"]
    assert tests[0]["output"] == ("best score 0%, verified by regrade; 9 days late: work after "
                                  "the last date earned 0")
    assert tests[1]["output"] == ("best score 80%, verified by regrade; 1 day late, less the "
                                  "late penalty")
    assert tests[1]["score"] == 0.8


def test_export_gradescope_shows_an_override_recorded_in_the_class_database(handins, tmp_path):
    target = tmp_path / "class.db"
    learn("merge", *map(str, handins.values()), "--into", str(target))
    learn("--db", str(target), "override", "--learner", "bob", "--step", "ex01", "--score", "1",
          "--comment", "the sandbox was down")
    result = learn("--db", str(target), "export", "--format", "gradescope", "--learner", "bob")
    first = json.loads(result.stdout)["tests"][0]
    assert first["output"] == "100%, set by the instructor: the sandbox was down"
    assert first["score"] == first["max_score"] == 1
