"""Gradescope, as Gradescope runs it: the autograder zip and `learn grade --gradescope`.

Gradescope builds an image from the zip (running setup.sh as root once), then for every
submission runs run_autograder as root, with the student's files in /autograder/submission,
and reads /autograder/results/results.json. Its containers have no user namespaces, so
bubblewrap cannot run there: the learner's code runs as a dedicated unprivileged account
(setup.sh creates it) that cannot read /autograder/source or the grader's virtualenv, and every
process of that account is killed before results.json is written, into a folder only root may
write. The zip holds no solution.py; a step that imports an earlier one gets the learner's own
file for it from the submission.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shlex
import stat
import time
import zipfile
from collections import deque
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import grader
from grader.course import coursefile
from grader.course.coursefile import CourseFile
from grader.course.spec import SOLUTION_FILE, Course, Exercise
from grader.errors import LearnError
from grader.grading.grade import CODE_CAP_BYTES, grade_file
from grader.grading.verdict import ErrorInfo
from grader.learner.api import CheckResult
from grader.presenting.as_text import one_line
from grader.presenting.blocks import verdict_blocks
from grader.running.isolation import Isolation

ACCOUNT = "lbp-grader"

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image: Ubuntu 22.04 (its
# default base image) or 24.04. A test moves the paths: AUTOGRADER_ROOT, LEARN_OS_RELEASE.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
ACCOUNT="${LEARN_GRADER_ACCOUNT:-%(account)s}"
. "${LEARN_OS_RELEASE:-/etc/os-release}"
ID="${ID:-}" VERSION_ID="${VERSION_ID:-}" PRETTY_NAME="${PRETTY_NAME:-an unknown system}"
# learn-backprop needs Python 3.11 or newer, taken from Ubuntu's own archive.
if [ "$ID" = ubuntu ] && [ "$VERSION_ID" = 22.04 ]; then
    PYTHON=python3.11
    PACKAGES=(python3.11 python3.11-venv)
    WHY="Ubuntu 22.04's python3 is 3.10, too old; python3.11 is in Ubuntu's universe archive"
elif [ "$ID" = ubuntu ] && [ "${VERSION_ID%%%%.*}" -ge 24 ] 2>/dev/null; then
    PYTHON=python3
    PACKAGES=(python3 python3-venv)
    WHY="Ubuntu $VERSION_ID's own python3"
else
    echo "learn-backprop needs Gradescope's Ubuntu 22.04 or 24.04 base image; this is" \\
         "$PRETTY_NAME. Choose one of them in the autograder settings." >&2
    exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${PACKAGES[@]}" || {
    echo "learn-backprop: apt-get could not install ${PACKAGES[*]} ($WHY)" >&2; exit 1; }
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "learn-backprop needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version)" >&2
    exit 1; }
echo "learn-backprop: grading with $("$PYTHON" --version 2>&1) ($PYTHON): $WHY."
"$PYTHON" -m venv "$ROOT/venv"
# The versions the instructor built this zip with; pip itself is the venv's own.
"$ROOT/venv/bin/pip" install -q -r "$ROOT/source/requirements.txt"
"$ROOT/venv/bin/pip" install -q --no-deps "$ROOT/source"
# The learner's code runs as this account; it may read neither the course nor the grader.
id -u "$ACCOUNT" >/dev/null 2>&1 || \\
    useradd --system --no-create-home --shell /usr/sbin/nologin "$ACCOUNT"
chown -R root:root "$ROOT/source" "$ROOT/venv"
chmod 700 "$ROOT/source" "$ROOT/venv"
# A broken image shows here, not when the first student submits.
check="$(mktemp -d)"
mkdir "$check/submission" "$check/results"
cp "$ROOT/source/exercises/%(selfcheck)s" "$check/submission/%(selfcheck_file)s"
LEARN_EXERCISES="$ROOT/source/exercises" "$ROOT/venv/bin/learn" grade --gradescope \\
    --submission "$check/submission" --results "$check/results/results.json" %(course)s\\
    --as-user "$ACCOUNT" >/dev/null
"$ROOT/venv/bin/python" - "$check/results/results.json" <<'EOF'
import json, sys
document = json.load(open(sys.argv[1]))
# The starter fails as a starter does: the learner's code ran in the sandbox and was read back.
assert "not written yet" in json.dumps(document["tests"]), document
print("learn-backprop self-check passed:", document["output"])
EOF
rm -rf "$check"
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission, as root: grade the step files found, write
# results.json. AUTOGRADER_ROOT moves the paths (a test lays the zip out elsewhere).
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
LEARN="${LEARN_BIN:-$ROOT/venv/bin/learn}"
export LEARN_EXERCISES="$ROOT/source/exercises" HOME=/root
exec "$LEARN" grade --gradescope --submission "$ROOT/submission" \\
    --results "$ROOT/results/results.json" %(course)s\\
    --as-user "${LEARN_GRADER_ACCOUNT:-%(account)s}"
"""

# The image's tools, not learn-backprop's: sqlite-utils lists pip among its requirements, and a
# pin of it would swap the venv's own pip for the instructor's at build time.
BUILD_TOOLS = {"pip", "setuptools", "wheel"}
DECIMALS = 4  # every score and max_score of results.json, rounded alike
IMAGE_PYTHONS = ("3.11.0", "3.12.3")  # Ubuntu 22.04's python3.11 (3.11.0rc1), 24.04's python3
REQUIREMENTS_HEADER = """\
# learn-backprop's run-time packages, at the versions of the machine that built this zip;
# pip, setuptools and wheel are the image's own. To check that each has a wheel for Python
# 3.11 (Ubuntu 22.04) and 3.12 (24.04): python benchmarks/check_gradescope_pins.py
"""


def steps_to_grade(course: Course, course_file: CourseFile, assignment: str | None = None
                   ) -> tuple[list[Exercise], list[Exercise]]:
    """(the code steps Gradescope grades, the quizzes it leaves out), of the course's graded
    steps or of one assignment's. A quiz is drawn and marked by `learn quiz`, and hand-ins
    record it answer by answer; a Gradescope upload holds code files, so a quiz's score comes
    from hand-ins (`learn export`), and the package says so rather than dropping it."""
    steps = course_file.graded_steps(course)
    if assignment is not None:
        chosen = course_file.assignment(assignment)  # a one-line error naming the known ones
        steps = [e for e in steps if e.id in chosen.steps]
    return [e for e in steps if not e.is_quiz], [e for e in steps if e.is_quiz]


def quiz_note(quizzes: list[Exercise]) -> str:
    """The quizzes left out, in words ("" when there are none)."""
    if not quizzes:
        return ""
    ids = ", ".join(e.id for e in quizzes)
    if len(quizzes) == 1:
        return f"{ids} is a quiz: not graded by this package; it is graded from hand-ins " \
               "with learn export."
    return f"{ids} are quizzes: not graded by this package; they are graded from hand-ins " \
           "with learn export."


@dataclass
class Built:
    """An autograder zip, as the instructor is told of it."""

    names: list[str]  # its files
    steps: list[Exercise]  # the code steps it grades
    quizzes: list[Exercise]  # the graded steps it leaves out
    points: float  # what its steps are worth, rounded as results.json rounds


def package(out: Path, exercises_dir: Path, course_file: Path | None = None,
            assignment: str | None = None) -> Built:
    """The autograder zip: setup.sh and run_autograder at the top, the package, the course's
    exercises without their solutions, pinned requirements, and course.toml if given; with
    `assignment`, run_autograder grades that assignment's steps only."""
    root = Path(grader.__file__).parent.parent
    if not (root / "pyproject.toml").is_file():
        raise LearnError("build the package from a source checkout (pyproject.toml not found "
                         f"next to {root / 'grader'})")
    if assignment is not None and course_file is None:
        raise LearnError("--assignment needs --course-file, where assignments are named")
    course = Course.load(exercises_dir, strict=False)
    rules = coursefile.load(course_file)
    steps, quizzes = steps_to_grade(course, rules, assignment)
    if not steps:
        what = f"assignment '{assignment}'" if assignment is not None else str(exercises_dir)
        raise LearnError(f"{what}: no code steps to grade")
    scripts = _scripts(steps[0], course_file, assignment)
    names = _write_zip(out, scripts, root, exercises_dir, course_file)
    points = round(sum(rules.worth(e.id) for e in steps), DECIMALS)
    return Built(names, steps, quizzes, points)


def _scripts(first_step: Exercise, course_file: Path | None,
             assignment: str | None) -> dict[str, str]:
    """setup.sh and run_autograder, passing on the course file and the assignment."""
    course_option = '--course-file "$ROOT/source/course.toml" ' if course_file else ""
    if assignment is not None:
        course_option += f"--assignment {shlex.quote(assignment)} "
    return {
        # The self-check grades the first step of this package, as run_autograder will.
        "setup.sh": SETUP_SH % {"account": ACCOUNT, "course": course_option,
                                "selfcheck": f"{first_step.slug}/{first_step.starter_path.name}",
                                "selfcheck_file": first_step.learner_filename},
        "run_autograder": RUN_AUTOGRADER % {"account": ACCOUNT, "course": course_option},
    }


def _write_zip(out: Path, scripts: dict[str, str], root: Path, exercises_dir: Path,
               course_file: Path | None) -> list[str]:
    """Writes the zip; returns the names of its files, in the order written."""
    names = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in scripts.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16  # executable, as Gradescope needs
            archive.writestr(info, text)
            names.append(name)
        archive.writestr("requirements.txt", pinned_requirements())
        names.append("requirements.txt")
        if course_file is not None:
            archive.write(course_file, "course.toml")
            names.append("course.toml")
        for name in ("pyproject.toml", "README.md"):
            archive.write(root / name, name)
            names.append(name)
        for package_name, folder in (("grader", root / "grader"),
                                     ("reference", root / "reference"),
                                     ("exercises", exercises_dir)):
            for path in sorted(folder.rglob("*")):
                if (not path.is_file() or "__pycache__" in path.parts
                        or path.name == SOLUTION_FILE):
                    continue
                arcname = f"{package_name}/{path.relative_to(folder).as_posix()}"
                archive.write(path, arcname)
                names.append(arcname)
        if not (exercises_dir / "__init__.py").exists():
            archive.writestr("exercises/__init__.py", "")
            names.append("exercises/__init__.py")
    return names


def pinned_requirements() -> str:
    """Every package learn-backprop needs at run time, pinned to the version installed here
    (never a build tool), unless that version does not install on both images' Pythons: then
    a range (see `_pin`). `python benchmarks/check_gradescope_pins.py` checks that each has
    a wheel for both."""
    pins: dict[str, str] = {}
    pending = ["learn-backprop"]
    while pending:
        name = pending.pop()
        try:
            requirements = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for requirement in requirements:
            if "extra ==" in requirement:
                continue
            if ";" in requirement and not _marker_holds(requirement.split(";", 1)[1]):
                continue
            dependency = re.split(r"[\s\[<>=!~;(]", requirement, maxsplit=1)[0]
            key = dependency.lower().replace("_", "-")
            if key in pins or key in BUILD_TOOLS:
                continue
            try:
                pins[key] = _pin(key, dependency, requirement.split(";")[0])
            except metadata.PackageNotFoundError:
                continue
            pending.append(dependency)
    return REQUIREMENTS_HEADER + "".join(pin for _, pin in sorted(pins.items()))


def _pin(key: str, dependency: str, requirement: str) -> str:
    """`key==installed version`; but where that version needs a Python one of the images
    lacks (numpy 2.5 needs 3.12, Ubuntu 22.04 has 3.11), the range its dependent asks for,
    below the next major version, with a comment: each image then gets the newest version
    that supports its Python, where an exact pin would fail to install on one of them."""
    version = metadata.version(dependency)
    needs = metadata.metadata(dependency).get("Requires-Python") or ""
    if all(_python_admits(needs, python) for python in IMAGE_PYTHONS):
        return f"{key}=={version}\n"
    wanted = re.sub(r"^\[.*?\]", "", requirement[len(dependency):].strip(" ()"))  # ">=1.26"
    if "==" in wanted:  # pydantic's pydantic-core==X: the dependent's range decides it
        wanted = ""
    below = f"<{int(version.split('.')[0]) + 1}" if version.split(".")[0].isdigit() else ""
    ranged = ",".join(part for part in (wanted, below) if part)
    return (f"# {key} {version}, built with, needs Python {needs}: a range, so that each "
            f"image takes the newest {key} for its Python\n{key}{ranged}\n")


def _python_admits(needs: str, python: str) -> bool:
    """Whether a Requires-Python (">=3.12") admits `python` ("3.11.0"). packaging reads every
    form; an environment without it (a fresh venv) is read for the ">=" floors, the form by
    which a package drops an old Python."""
    try:  # packaging is not one of our dependencies: imported where used, with a fallback
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
    except ImportError:
        have = tuple(int(part) for part in python.split("."))
        return all(have >= tuple(int(part) for part in floor.split("."))
                   for floor in re.findall(r">=\s*(\d+(?:\.\d+)*)", needs))
    try:
        return SpecifierSet(needs).contains(python)
    except InvalidSpecifier:
        return True


def _marker_holds(marker: str) -> bool:
    try:
        from packaging.markers import Marker
    except ImportError:
        return True
    return Marker(marker).evaluate({"extra": ""})


@dataclass
class Mark:
    """A step's result for results.json, before any rounding."""

    exercise: Exercise
    fraction: float  # the share of the step's points earned
    passed: bool
    output: str

    def __post_init__(self) -> None:
        # A share: above 1 a test would score more than its maximum.
        self.fraction = min(max(self.fraction, 0.0), 1.0)


def test_entry(number: int, mark: Mark, course_file: CourseFile) -> dict:
    """One test of Gradescope's results.json: a step, worth its points in course.toml."""
    step = mark.exercise.id
    worth = course_file.worth(step)
    # Both rounded the same way, so a full score equals its maximum (10/7 is 1.4286 in both).
    return {"name": f"{step} · {mark.exercise.spec.title}", "number": str(number),
            "score": round(mark.fraction * worth, DECIMALS),
            "max_score": round(worth, DECIMALS),
            "status": "passed" if mark.passed else "failed", "output": mark.output,
            "visibility": course_file.visibility_of(step)}


def results_document(marks: list[Mark], course_file: CourseFile, started: float,
                     output: str | None = None) -> dict:
    """Gradescope's results.json. The totals add unrounded points and round once: 10 points
    over 7 steps total 10, not 7 × 1.4286."""
    worths = [course_file.worth(m.exercise.id) for m in marks]
    document = {
        "score": round(sum(m.fraction * w for m, w in zip(marks, worths, strict=True)), DECIMALS),
        "max_score": round(sum(worths), DECIMALS),
        "execution_time": round(time.monotonic() - started, 3),
        "tests": [test_entry(n, m, course_file) for n, m in enumerate(marks, 1)]}
    if output is not None:
        document["output"] = output
    return document


def results_from_database(steps: list[str], row, course: Course,
                          course_file: CourseFile) -> dict:
    """`learn export --format gradescope`: one learner's results.json from the class database
    (verified results where a regrade ran; the instructor's overrides; late rules)."""
    started = time.monotonic()
    marks = []
    for step in steps:
        fraction = row.scores.get(step, 0.0)
        if step in row.overrides:
            said = f"{fraction:.0%}, set by the instructor: {row.overrides[step]}"
        else:
            source = ("verified by regrade" if step in row.verified else
                      "not verified (not counted)" if step in row.unverified else
                      "self-reported")
            said = f"best score {fraction:.0%}, {source}"
        marks.append(Mark(course.resolve(step), fraction, fraction >= 1.0,
                          said + _lateness(step, row, fraction)))
    return results_document(marks, course_file, started)


def _lateness(step: str, row, fraction: float) -> str:
    if step not in row.late:
        return ""
    days = row.late_days.get(step, 0)
    late = f"; {days} day{'' if days == 1 else 's'} late" if days else "; late"
    if step in row.after_last:
        return f"{late}: work after the last date earned 0"
    spent = sum(row.late_days_used.values())
    if spent:
        return f"{late}, less the late penalty beyond the {spent} late day(s) used"
    return f"{late}, less the late penalty"


MAX_DEPTH = 16  # folders below the submission's top that are searched for step files
MAX_ENTRIES = 20_000  # names looked at in the whole submission: a bigger one is not searched on
DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


@dataclass
class StepFile:
    """A step's file as found in the submission: its bytes, or why it is not graded."""

    path: Path  # where it is in the submission, as the learner sees it
    source: bytes | None
    problem: str | None = None  # "is a link, not a file", ...


def _what(mode: int) -> str:
    for test, name in ((stat.S_ISLNK, "a link"), (stat.S_ISDIR, "a folder"),
                       (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return "not a regular file"


def _open_folder(root_fd: int, parts: tuple[str, ...]) -> int:
    """The folder at `parts` below `root_fd`, each step opened without following a link
    (OSError ELOOP or ENOTDIR where one is a link)."""
    fd = root_fd
    for part in parts:
        try:
            next_fd = os.open(part, DIRECTORY, dir_fd=fd)
        finally:
            if fd != root_fd:
                os.close(fd)
        fd = next_fd
    return fd if fd != root_fd else os.dup(root_fd)


def open_submission(folder: Path) -> int:
    """The submission's top folder, opened without following a link to it."""
    try:
        return os.open(folder, DIRECTORY)
    except OSError as exc:
        raise LearnError(f"{folder}: not a submission folder ({exc.strerror})") from None


def read_in(root_fd: int, parts: tuple[str, ...]) -> tuple[bytes | None, str | None]:
    """The bytes of the regular file at `parts` below the folder `root_fd`, each folder on the
    way opened without following links and the file too (O_NOFOLLOW, and O_NONBLOCK so a FIFO
    cannot hang us); else None and why, in the learner's terms. Read as root on Gradescope: a
    link must never lead out of the submission."""
    try:
        fd = _open_folder(root_fd, parts[:-1])
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            return None, "is in a folder that is a link, not a folder"
        return None, f"is in a folder that cannot be opened ({exc.strerror})"
    name = parts[-1]
    try:
        info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):  # not even opened: a device may act on open
            return None, f"is {_what(info.st_mode)}, not a regular file"
        file_fd = os.open(name, FILE, dir_fd=fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since
            return None, "is a link, not a regular file"
        return None, f"cannot be read ({exc.strerror})"
    finally:
        os.close(fd)
    with os.fdopen(file_fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None, f"is {_what(info.st_mode)}, not a regular file"
        if info.st_size > CODE_CAP_BYTES:
            return None, (f"is {info.st_size / 1024:,.0f} KB; a step's file may hold at "
                          f"most {CODE_CAP_BYTES // 1024} KB")
        source = handle.read(CODE_CAP_BYTES + 1)
    if len(source) > CODE_CAP_BYTES:
        return None, f"holds over {CODE_CAP_BYTES // 1024} KB"
    return source, None


def _entries(root_fd: int) -> list[tuple[tuple[str, ...], int]]:
    """(path below the top, lstat mode) of everything in the submission, shallowest first;
    hidden folders and links are not entered, nor anything past the caps."""
    found: list[tuple[tuple[str, ...], int]] = []
    pending: deque[tuple[str, ...]] = deque([()])
    while pending and len(found) < MAX_ENTRIES:
        parts = pending.popleft()
        try:
            fd = _open_folder(root_fd, parts)
        except OSError:
            continue
        try:
            with os.scandir(fd) as scan:
                names = sorted((e.name, e.stat(follow_symlinks=False).st_mode) for e in scan)
        except OSError:
            names = []
        finally:
            os.close(fd)
        for name, mode in names[:MAX_ENTRIES - len(found)]:
            found.append(((*parts, name), mode))
            if stat.S_ISDIR(mode) and not name.startswith(".") and len(parts) < MAX_DEPTH:
                pending.append((*parts, name))
    return found


def submission_files(folder: Path, exercises: list[Exercise]
                     ) -> tuple[dict[str, StepFile], list[str]]:
    """Step id -> its file in the submission (Gradescope keeps the folders a student uploads):
    the shallowest regular file of that name, else the shallowest thing of that name with why
    it is not graded. Also the names of the regular files found, for a message. Every file is
    read here, before any learner code runs, without following a link."""
    root_fd = open_submission(folder)
    try:
        entries = _entries(root_fd)
        by_name: dict[str, list[tuple[str, ...]]] = {}
        for parts, _ in entries:
            by_name.setdefault(parts[-1], []).append(parts)
        files: dict[str, StepFile] = {}
        for exercise in exercises:
            candidates = sorted(by_name.get(exercise.learner_filename, []),
                                key=lambda p: (len(p), "/".join(p)))
            for parts in candidates:
                source, problem = read_in(root_fd, parts)
                if source is not None:
                    files[exercise.id] = StepFile(folder.joinpath(*parts), source)
                    break
                if exercise.id not in files:
                    files[exercise.id] = StepFile(folder.joinpath(*parts), None, problem)
        regular = sorted({p[-1] for p, mode in entries if stat.S_ISREG(mode)})
        return files, regular
    finally:
        os.close(root_fd)


def grade_submission(course: Course, folder: Path, isolation: Isolation,
                     course_file: CourseFile | None = None,
                     assignment: str | None = None) -> dict:
    """Grade the code steps course.toml grades (or one assignment's) with fresh seeds;
    Gradescope's results document, which names the quizzes left out. A step with no file, or
    whose file is a link or anything but a regular file, scores 0 of its points."""
    course_file = course_file or CourseFile()
    started = time.monotonic()
    steps, quizzes = steps_to_grade(course, course_file, assignment)
    files, present = submission_files(folder, [e for e in course if not e.is_quiz])
    readable = {f.path: f.source for f in files.values() if f.source is not None}

    def read(path: Path) -> tuple[bytes | None, ErrorInfo | None]:
        # Only the bytes read above, never the path again (as root it could lead anywhere).
        if path in readable:
            return readable[path], None
        return None, ErrorInfo("file", f"{path.name}: not a regular file in the submission")

    def learner_file(exercise: Exercise) -> Path:
        found = files.get(exercise.id)
        return found.path if found and found.source is not None else \
            folder / exercise.learner_filename

    marks = []
    graded = 0
    for exercise in steps:
        found = files.get(exercise.id)
        if found is None or found.source is None:
            why = (f"No file {exercise.learner_filename} in the submission." if found is None
                   else f"{found.path.relative_to(folder)} in the submission {found.problem}: "
                   "not graded (missing). Upload the file itself.")
            marks.append(Mark(exercise, 0.0, False, why))
            continue
        graded += 1
        # Earlier steps this one imports: the learner's own files (the zip has no solutions).
        used = course.provided_modules(exercise, learner_file, solutions=False)
        verdict, _ = grade_file(exercise, found.path, provided=used, isolation=isolation,
                                read=read)
        missing = [p.name for p in used.values() if p not in readable]
        them = "it" if len(missing) == 1 else "them"
        needs = (f" It imports your {', '.join(missing)}: include {them} in the submission."
                 if missing and not verdict.passed else "")
        said = one_line(verdict_blocks(CheckResult(exercise, found.path, verdict, None, None)))
        marks.append(Mark(exercise, verdict.score, verdict.passed, said + needs))
    output = _summary(steps, graded, isolation, present)
    if quizzes:
        output += " " + quiz_note(quizzes)
    return results_document(marks, course_file, started, output)


def _summary(steps: list[Exercise], graded: int, isolation: Isolation,
             present: list[str]) -> str:
    """The results' first sentence: how many steps were graded and how, or why none was."""
    if not steps:
        return "No code steps to grade."
    if graded:
        return (f"Graded {graded} of {len(steps)} steps with fresh random cases, code run "
                f"{isolation.describe()}.")
    return ("Nothing was graded: no file of the graded steps was found "
            f"({', '.join(e.learner_filename for e in steps[:3])}"
            f"{', ...' if len(steps) > 3 else ''}). The submission holds: "
            f"{', '.join(present[:8]) or 'no files'}.")


def secure_results_folder(results: Path) -> None:
    """The folder results.json goes into: a real folder, owned by us, writable by us alone, so
    nothing the learner's account left running can write or replace the file."""
    folder = results.parent
    folder.mkdir(parents=True, exist_ok=True)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise LearnError(f"{folder} is not a folder")
    if info.st_uid != os.geteuid():
        os.chown(folder, os.geteuid(), os.getegid())
    os.chmod(folder, 0o755)


def write_results(results: Path, document: dict) -> None:
    """Write results.json in one step: a new file of ours renamed over whatever is there."""
    temporary = results.with_name(f".{results.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2)
    os.replace(temporary, results)
