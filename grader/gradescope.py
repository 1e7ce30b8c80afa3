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
import stat
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from grader.coursefile import CourseFile
from grader.errors import LearnError
from grader.running.isolation import Isolation
from grader.spec import SOLUTION_FILE, Course, Exercise
from grader.verdict import ErrorInfo

ACCOUNT = "lbp-grader"

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# Base image: Ubuntu 24.04 (Python 3.12). Paths can be moved for a test: AUTOGRADER_ROOT.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
ACCOUNT="${LEARN_GRADER_ACCOUNT:-%(account)s}"
. /etc/os-release
if [ "${ID:-}" != "ubuntu" ] || [ "${VERSION_ID%%%%.*}" -lt 24 ]; then
    echo "learn-backprop needs Gradescope's Ubuntu 24.04 base image; this is" \\
         "${PRETTY_NAME:-unknown}. Choose Ubuntu 24.04 in the autograder settings." >&2
    exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-venv python3-pip
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "learn-backprop needs Python 3.11 or newer; found $(python3 --version)" >&2; exit 1; }
python3 -m venv "$ROOT/venv"
# The versions the instructor built this zip with, exactly.
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
    --submission "$check/submission" --results "$check/results/results.json" \\
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


def package(out: Path, exercises_dir: Path, course_file: Path | None = None) -> list[str]:
    """The autograder zip: setup.sh and run_autograder at the top, the package, the course's
    exercises without their solutions, pinned requirements, and course.toml if given."""
    import zipfile

    import grader

    root = Path(grader.__file__).parent.parent
    if not (root / "pyproject.toml").is_file():
        raise LearnError("build the package from a source checkout (pyproject.toml not found "
                         f"next to {root / 'grader'})")
    course = Course.load(exercises_dir, strict=False)
    first = next((e for e in course if not e.is_quiz), None)
    if first is None:
        raise LearnError(f"{exercises_dir}: no code steps to grade")
    course_option = '--course-file "$ROOT/source/course.toml" ' if course_file else ""
    scripts = {
        "setup.sh": SETUP_SH % {"account": ACCOUNT,
                                "selfcheck": f"{first.slug}/{first.starter_path.name}",
                                "selfcheck_file": first.learner_filename},
        "run_autograder": RUN_AUTOGRADER % {"account": ACCOUNT, "course": course_option},
    }
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
    """Every package learn-backprop needs at run time, pinned to the version installed here."""
    import re
    from importlib import metadata

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
            if key in pins:
                continue
            try:
                pins[key] = metadata.version(dependency)
            except metadata.PackageNotFoundError:
                continue
            pending.append(dependency)
    return "".join(f"{name}=={version}\n" for name, version in sorted(pins.items()))


def _marker_holds(marker: str) -> bool:
    try:
        from packaging.markers import Marker
    except ImportError:
        return True
    return Marker(marker).evaluate({"extra": ""})


def test_entry(number: int, exercise: Exercise, course_file: CourseFile, fraction: float,
               passed: bool, output: str) -> dict:
    """One test of Gradescope's results.json: a step, worth its points in course.toml."""
    worth = course_file.worth(exercise.id)
    return {"name": f"{exercise.id} · {exercise.spec.title}", "number": str(number),
            "score": round(fraction * worth, 4), "max_score": worth,
            "status": "passed" if passed else "failed", "output": output,
            "visibility": course_file.visibility_of(exercise.id)}


def results_document(tests: list[dict], started: float, output: str | None = None) -> dict:
    document = {"score": round(sum(t["score"] for t in tests), 4),
                "max_score": sum(t["max_score"] for t in tests),
                "execution_time": round(time.monotonic() - started, 3), "tests": tests}
    if output is not None:
        document["output"] = output
    return document


def results_from_database(steps: list[str], row, course: Course,
                          course_file: CourseFile) -> dict:
    """`learn export --format gradescope`: one learner's results.json from the class database
    (verified results where a regrade ran)."""
    started = time.monotonic()
    tests = []
    for number, step in enumerate(steps, 1):
        fraction = row.scores.get(step, 0.0)
        source = ("verified by regrade" if step in row.verified else
                  "not verified (not counted)" if step in row.unverified else "self-reported")
        late = " (late work not counted)" if step in row.late else ""
        tests.append(test_entry(number, course.resolve(step), course_file, fraction,
                                fraction >= 1.0,
                                f"best score {fraction:.0%}, {source}{late}"))
    return results_document(tests, started)


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
    from grader.grade import CODE_CAP_BYTES

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
                     course_file: CourseFile | None = None) -> dict:
    """Grade the steps course.toml gives points to (else every code step) with fresh seeds;
    Gradescope's results document. A step with no file, or whose file is a link or anything
    but a regular file, scores 0 of its points."""
    from grader.grade import grade_file

    course_file = course_file or CourseFile()
    started = time.monotonic()
    steps = [e for e in course_file.graded_steps(course) if not e.is_quiz]
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

    tests = []
    graded = 0
    for number, exercise in enumerate(steps, 1):
        found = files.get(exercise.id)
        if found is None or found.source is None:
            why = (f"No file {exercise.learner_filename} in the submission." if found is None
                   else f"{found.path.relative_to(folder)} in the submission {found.problem}: "
                   "not graded (missing). Upload the file itself.")
            tests.append(test_entry(number, exercise, course_file, 0.0, False, why))
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
        detail = f" {verdict.reason}" if verdict.reason else ""
        tests.append(test_entry(number, exercise, course_file, verdict.score, verdict.passed,
                                f"{verdict.cases_passed} of {verdict.cases_total} cases right "
                                f"(seed {verdict.seed}).{detail}{needs}"))
    if graded:
        output = (f"Graded {graded} of {len(steps)} steps with fresh random cases, code run "
                  f"{isolation.describe()}.")
    else:
        output = ("Nothing was graded: no file of the graded steps was found "
                  f"({', '.join(e.learner_filename for e in steps[:3])}"
                  f"{', ...' if len(steps) > 3 else ''}). The submission holds: "
                  f"{', '.join(present[:8]) or 'no files'}.")
    return results_document(tests, started, output)


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
