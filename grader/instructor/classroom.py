"""The instructor's side of the library API: a `Classroom` is a course and its class database,
and each of its methods is one instructor command (`learn merge`, `regrade`, `export`...).

The learner's side is `grader.learner.api.Session`. Like it, a Classroom opens what it needs on
first use: `learn validate` and `learn gradescope-package` never open the database, and `learn
regrade` opens it only once the sandbox is chosen. An option list that would run long travels
as a small frozen dataclass (`RegradeOptions`, `ExportOptions`...), built by `grader/cli.py`
from its options.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from grader.course import coursefile
from grader.course.coursefile import CourseFile
from grader.course.spec import Course, default_exercises_dir, load_for_a_class
from grader.course.validate import Report, validate_path
from grader.database import store
from grader.errors import LearnError, StoreError
from grader.instructor import (
    dashboard,
    exports,
    feedback,
    gradescope,
    handins,
    regrade,
    report,
    similarity,
)
from grader.instructor.cluster import IsolationRequest, Scheduler
from grader.instructor.exports import GradeRow
from grader.instructor.gradescope import Built
from grader.instructor.handins import Forgotten, MergeReport
from grader.instructor.regrade import RegradeOptions, RegradeResult, RegradeRun
from grader.learner.api import default_user
from grader.learner.workspace import find_workspace
from grader.running.accounts import locked
from grader.safe_text import printable

__all__ = ["Classroom", "DashboardOptions", "ExportOptions", "Exported", "GradescopeOptions",
           "IsolationRequest", "RegradeOptions", "RegradeResult", "RegradeRun", "ReportOptions",
           "Scheduler"]


@dataclass(frozen=True)
class ExportOptions:
    format: str = "csv"  # one of grader.instructor.exports.FORMATS
    learner: str | None = None  # only this learner (gradescope needs one)
    course_file: Path | None = None  # course.toml: points, deadlines, assignments, late rules
    assignment: str | None = None  # only this assignment's steps


@dataclass(frozen=True)
class Exported:
    text: str  # the document, as printed
    warnings: list[str] = field(default_factory=list)  # what the gradebook leaves out, in words


@dataclass(frozen=True)
class ReportOptions:
    step: str | None = None  # one step instead of the whole course
    learner: str | None = None  # one learner instead of the whole course
    course_file: Path | None = None  # adds the grades per assignment
    format: str = "text"  # text, json, csv or html (one page, the course only)


@dataclass(frozen=True)
class DashboardOptions:
    port: int = 8001
    host: str = "127.0.0.1"
    snapshot: bool = False  # serve a consistent copy taken now
    course_file: Path | None = None  # adds the grades, computed now: served from a snapshot

    @property
    def on_loopback(self) -> bool:
        return dashboard.is_loopback(self.host)

    @property
    def serves_snapshot(self) -> bool:
        return self.snapshot or self.course_file is not None


@dataclass(frozen=True)
class GradescopeOptions:
    submission: Path = Path("/autograder/submission")  # the folder Gradescope unpacks
    results: Path = Path("/autograder/results/results.json")
    course_file: Path | None = None  # the graded steps ([points]) and each test's [visibility]
    assignment: str | None = None  # only this assignment's steps
    isolation: IsolationRequest = IsolationRequest()


class Classroom:
    """A course and its class database, as its instructor works on them: the database is
    `db`, else LEARN_DB, else progress.db in the workspace (as for a learner)."""

    def __init__(self, db: str | os.PathLike | None = None, home: str | os.PathLike | None = None,
                 exercises: str | os.PathLike | None = None,
                 warn: Callable[[str], None] | None = None):
        self._db = db or os.environ.get("LEARN_DB") or None
        self._home = home
        self._exercises = Path(exercises) if exercises else None
        self._warn = warn  # told of each broken exercise folder the course skips

    @cached_property
    def course(self) -> Course:
        return load_for_a_class(self._exercises, self._warn)

    @cached_property
    def path(self) -> Path:
        if self._db:
            return Path(self._db).expanduser().resolve()
        return find_workspace(self._home).default_database()

    @cached_property
    def connection(self) -> sqlite3.Connection:
        return store.connect(self.path)

    def close(self) -> None:
        if "connection" in self.__dict__:
            self.connection.close()

    # -- collecting the class ----------------------------------------------------------------

    def merge(self, sources: list[Path], names_from_files: bool = False,
              progress: Callable[[int, int], None] | None = None) -> MergeReport:
        """`learn merge`: the hand-ins (or progress databases) merged into this database
        (grader.instructor.handins); `progress(done, total)` hears of each file."""
        return handins.merge(sources, self.path, names_from_files, progress)

    def import_roster(self, path: Path) -> int:
        """`learn roster import`: the roster's entries, imported."""
        return handins.import_roster(self.connection, path)

    def forget(self, learner: str, waiting: Callable[[float], None] | None = None) -> Forgotten:
        """`learn forget`: every row of the learner removed, no copy left
        (grader.instructor.handins);
        `waiting(seconds)` is told when it waits for another program reading the database."""
        try:
            return handins.forget(self.connection, learner, waiting)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {store.explain_error(exc)}") from None

    # -- grading -------------------------------------------------------------------------------

    def regrade(self, options: RegradeOptions,
                done: Callable[[RegradeResult, int, int], None] | None = None) -> RegradeRun:
        """`learn regrade`: every claim graded again (grader.instructor.regrade); `done(result,
        finished,
        total)` hears of each result as it is recorded."""
        # The sandbox is chosen (or the cluster checked) first: a refusal opens no database.
        with regrade.grading_place(self.course, options) as place:
            return regrade.regrade(self.connection, self.course, options, done, place)

    def override(self, learner: str, step: str, score: float, comment: str) -> str:
        """`learn override`: the learner's score for a step, set by hand with why; the step's
        id."""
        handins.override(self.connection, self.course, learner, step, score, comment,
                         default_user())
        return self.course.resolve(step).id

    def grade_submission(self, options: GradescopeOptions) -> dict:
        """`learn grade --gradescope`: a submission folder graded, and results.json written
        (grader.instructor.gradescope); the results document."""
        if not options.submission.is_dir():
            raise LearnError(f"{options.submission}: no such submission folder")
        rules = coursefile.load(options.course_file)
        if options.assignment is not None:
            rules.assignment(options.assignment)  # an unknown one stops here, before anything runs
        chosen = options.isolation.choose()
        gradescope.secure_results_folder(options.results)
        document = gradescope.grade_submission(self.course, options.submission, chosen, rules,
                                               options.assignment)
        with locked(chosen):  # (another grader's child may be running as the account)
            chosen.after_grade()  # nothing of the learner's runs on when results are written
        gradescope.write_results(options.results, document)
        return document

    # -- what the class did ------------------------------------------------------------------

    def grades(self, learner: str | None = None, course_file: Path | None = None
               ) -> tuple[CourseFile, list[str], list[GradeRow]]:
        """(course file, graded steps, a row per learner) as every export counts them
        (grader.instructor.exports)."""
        rules = coursefile.load(course_file)
        steps, rows = exports.grade_rows(self.connection, self.course, learner, rules)
        return rules, steps, rows

    def export(self, options: ExportOptions) -> Exported:
        """`learn export`: the grades as CSV, JSON, a Canvas or Moodle gradebook, or one
        learner's Gradescope results.json."""
        rules, steps, rows = self.grades(options.learner, options.course_file)
        if options.assignment:
            chosen = rules.assignment(options.assignment)
            steps = [s for s in steps if s in chosen.steps]
            rules = replace(rules, assignments={options.assignment: chosen})
        if options.format == "csv":
            return Exported(exports.export_csv(steps, rows, rules))
        if options.format == "json":
            quizzes = exports.quiz_questions(self.connection)
            return Exported(exports.export_json(steps, rows, rules, quizzes) + "\n")
        if options.format in ("canvas", "moodle"):
            return _gradebook(options.format, steps, rows, rules)
        if len(rows) != 1:
            raise LearnError("--format gradescope needs --learner NAME")
        document = gradescope.results_from_database(steps, rows[0], self.course, rules)
        return Exported(json.dumps(document, indent=2) + "\n")

    def report(self, options: ReportOptions) -> str:
        """`learn report`: the course's tables (or one step's, or one learner's), with the
        grades per assignment given a course file, in `options.format`
        (grader.instructor.report)."""
        if options.learner:
            tables = report.learner_tables(self.connection, options.learner)
        elif options.step:
            tables = report.step_tables(self.connection, self.course, options.step)
        else:
            tables = report.course_tables(self.connection, self.course)
        grades = None
        if options.course_file is not None:
            rules, _, rows = self.grades(options.learner, options.course_file)
            grades = (rules, rows)
        if options.format == "html":
            return report.as_html(self.connection, self.course, tables, grades)
        tables += report.grades_tables(*grades) if grades else []
        if options.format == "json":
            return json.dumps(report.as_json(tables)) + "\n"
        return report.as_csv(tables) if options.format == "csv" else report.as_text(tables) + "\n"

    def feedback(self, out: Path, learner: str | None = None,
                 course_file: Path | None = None) -> list[Path]:
        """`learn feedback`: a page per learner (only `learner`'s, if named) and an index,
        written into the folder `out` (grader.instructor.feedback); the pages written."""
        return feedback.write_pages(self, out, learner, course_file)

    def similar(self, step: str | None = None, threshold: float = 0.5,
                html: bool = False) -> tuple[str, str | None]:
        """`learn similar`: pairs of learners whose code for a step is alike
        (grader.instructor.similarity),
        as text, and as a page when `html`."""
        pairs = similarity.similar_pairs(self.connection, self.course, step, threshold)
        return similarity.as_text(pairs), similarity.as_html(pairs) if html else None

    def dashboard(self, options: DashboardOptions,
                  ready: Callable[[str], None] | None = None) -> None:
        """`learn dashboard`: the read-only dashboard served until Ctrl-C
        (grader.instructor.dashboard);
        `ready(url)` once it listens."""
        grades: list[dict] = []
        if options.course_file is not None:
            rules, _, rows = self.grades(None, options.course_file)
            grades = report.grade_records(rules, rows)
        dashboard.serve(self.path, port=options.port, host=options.host,
              snapshot=options.serves_snapshot, steps=[e.id for e in self.course],
              grades=grades, ready=ready)

    # -- the course itself ---------------------------------------------------------------------

    def validate(self, folder: Path | None = None) -> list[Report]:
        """`learn validate`: one exercise folder checked, or every one of a course (default:
        this course's)."""
        return validate_path(folder or self._exercises)

    def gradescope_package(self, out: Path, course_file: Path | None = None,
                           assignment: str | None = None) -> tuple[Built, str]:
        """`learn gradescope-package`: the autograder zip written to `out`
        (grader.instructor.gradescope);
        what it holds, and the quizzes it leaves out in words."""
        coursefile.load(course_file)  # refuse a broken one now, not on Gradescope
        built = gradescope.package(out, self._exercises or default_exercises_dir(), course_file,
                                   assignment)
        return built, gradescope.quiz_note(built.quizzes)


def _gradebook(fmt: str, steps: list[str], rows: list[GradeRow], rules: CourseFile) -> Exported:
    """Canvas's or Moodle's gradebook CSV, and who and what it leaves out."""
    writer = exports.export_canvas if fmt == "canvas" else exports.export_moodle
    warnings = []
    left_out = exports.unmatched(rows, fmt)
    if left_out:
        names = ", ".join(printable(n) for n in left_out)
        ids = "student id, Canvas id or login" if fmt == "canvas" else "student id or email"
        warnings.append(f"Left out, with no {ids} on the roster: {names} (learn roster import)")
    unmapped = [n for n, a in rules.assignments.items() if not a.canvas_id]
    if fmt == "canvas" and unmapped:
        warnings.append(f"No canvas_id in the course file for {', '.join(unmapped)}: Canvas "
                        "matches those columns by title, and makes a new assignment of a "
                        "title it does not know.")
    return Exported(writer(steps, rows, rules), warnings)
