"""`learn feedback`: one self-contained HTML page per learner, from what the regrade verified.

Each page lists every step with its result, score and points (grader.instructor.exports decides what
counts: late rules, overrides, unverified work), and words each failed step the way
`learn check` does (grader.presenting): the slip it looks like, and the failing case. A verified
result's slip and failing case are those of the attempt the regrade recorded beside it (origin
'regrade'). Before the learner's work was regraded, the page says so and shows their own
attempts, marked self-reported.

Names come from hand-in files, so nothing of a learner's reaches the page unescaped (control
and bidi characters shown as escapes too), a page's file name is made of safe characters and a
hash of the name, and a page carries no script (its Content-Security-Policy forbids any).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import TypeAdapter, ValidationError

from grader.course.coursefile import CourseFile
from grader.course.spec import Course, Exercise
from grader.database.rollups import by_learner
from grader.errors import LearnError
from grader.grading.verdict import Diagnosis, ErrorInfo, FailingCase, Verdict
from grader.instructor import exports
from grader.learner.api import CheckResult
from grader.presenting.as_text import verdict_text
from grader.presenting.blocks import verdict_blocks
from grader.safe_text import printable
from grader.wording import headings

if TYPE_CHECKING:
    from grader.instructor.classroom import Classroom

INDEX = "index.html"
COLUMNS = ("a.seed, a.passed, a.score, a.cases_total, a.cases_passed, a.diagnosis, "
           "a.diagnosis_message, a.error_kind, a.error_message, a.failing_case")
VERIFIED = (f"SELECT v.exercise_id, v.isolation, {COLUMNS} FROM verified v "
            "JOIN learners l ON l.id = v.learner_id JOIN attempts a ON a.id = v.attempt_id "
            "WHERE l.name = ?")
OWN = (f"SELECT a.exercise_id, NULL, {COLUMNS} FROM attempts a "
       f"JOIN learners l ON l.id = a.learner_id WHERE l.name = ? AND {by_learner('a.origin')} "
       "AND a.error_kind IS NOT 'unfinished' ORDER BY a.created_at")
STYLE = ("body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;"
         "margin-bottom:1em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
         ".passed{color:#1a7f37}.failed{color:#cf222e}.banner{background:#fff8c5;padding:.5em}"
         "pre{background:#f6f8fa;padding:.5em;overflow-x:auto}")
# No script, no request anywhere: even markup that slipped past escaping could do nothing.
POLICY = "default-src 'none'; style-src 'unsafe-inline'"
NOT_VERIFIED_YET = ("Not verified yet: nothing of yours has been regraded by the instructor. "
                    "The results below are self-reported (your own `learn check` runs, as "
                    "your hand-in recorded them).")


@dataclass(frozen=True)
class StepResult:
    """The result a page shows for one step: the regrade's, else the learner's best."""

    verdict: Verdict
    source: str  # "verified", "regraded without a sandbox" or "self-reported"


def page_name(learner: str) -> str:
    """A file name for the learner's page that no name can turn into a path: letters, digits,
    '-' and '_' of the name, then a hash of the whole name (two names never share a page)."""
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", learner).strip("-")[:40] or "learner"
    digest = hashlib.sha256(learner.encode("utf-8", errors="replace")).hexdigest()[:10]
    return f"{readable}-{digest}.html"


def write_pages(classroom: Classroom, out: Path, learner: str | None = None,
                course_file: Path | None = None) -> list[Path]:
    """Write a page per learner (only `learner`'s, if named) into the folder `out`, and an
    index of them when all are written; the paths written."""
    if out.exists() and not out.is_dir():
        raise LearnError(f"{out} is a file, not a folder; choose another --out")
    rules, steps, rows = classroom.grades(learner, course_file)
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = [_write(out, page_name(row.learner),
                          learner_page(classroom.connection, classroom.course, row, steps, rules))
                   for row in rows]
        if learner is None:
            written.append(_write(out, INDEX, index_page(classroom.connection, rows, steps,
                                                         rules)))
    except OSError as exc:
        raise LearnError(f"cannot write the pages into {out} ({exc.strerror})") from None
    return written


def _write(folder: Path, name: str, text: str) -> Path:
    # A new file renamed over the old page: a rerun never leaves half a page, nor writes
    # through a link someone left under the page's name.
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp",
                                         delete=False)
    try:
        with handle:
            handle.write(text)
        os.chmod(handle.name, 0o644)  # tempfile's 0600 would keep a page from being handed out
        os.replace(handle.name, folder / name)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return folder / name


def results(conn: sqlite3.Connection, learner: str) -> dict[str, StepResult]:
    """Step -> what the page shows: the verified result where the regrade ran, else the
    learner's best attempt (a pass first, then the best score, then the latest)."""
    found: dict[str, StepResult] = {}
    for row in conn.execute(OWN, (learner,)):
        verdict = _verdict(row, trusted=False)
        best = found.get(row[0])
        if best is None or (verdict.passed, verdict.score) >= (best.verdict.passed,
                                                              best.verdict.score):
            found[row[0]] = StepResult(verdict, "self-reported")
    for row in conn.execute(VERIFIED, (learner,)):
        source = "verified" if exports.sandboxed(row[1]) else "regraded without a sandbox"
        found[row[0]] = StepResult(_verdict(row, trusted=True), source)
    return found


def _verdict(row: tuple, trusted: bool) -> Verdict:
    """A stored attempt as the verdict `learn check` rendered (less its traceback, printed
    output and notes, which are not stored)."""
    (step, _, seed, passed, score, total, right, slip, slip_message, error_kind, error_message,
     case) = row
    return Verdict(
        step, _number(seed), passed == 1, _number(score), _number(total), _number(right),
        diagnosis=Diagnosis(slip, slip_message or "") if slip else None,
        error=ErrorInfo(error_kind, error_message or "") if error_kind else None,
        failing_case=_failing_case(case, trusted))


def _number(stored: object) -> int | float:
    # A self-reported row comes from a hand-in, which may hold text where a number goes.
    return stored if isinstance(stored, int | float) else 0


_CASE = TypeAdapter(FailingCase)


def _failing_case(stored: str | None, trusted: bool) -> FailingCase | None:
    """The stored failing case, if it reads as one. A self-reported row is the learner's own
    file: its picture, which only the grader's pictures could vouch for, is left out."""
    if not stored:
        return None
    try:
        case = _CASE.validate_python(json.loads(stored))
    except (TypeError, ValueError, ValidationError):  # not text, not JSON, not a case
        return None
    if not trusted and case.picture is not None:
        case = replace(case, picture=None)
    return case


def _text(value: object) -> str:
    """Any text for the page: control and bidi characters as visible escapes, then HTML."""
    return html.escape(printable(value, keep="\n"), quote=True)


def _page(title: str, body: str) -> str:
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{POLICY}\">"
            f"<title>{_text(title)}</title><style>{STYLE}</style></head>"
            f"<body>{body}</body></html>\n")


def _points(row: exports.GradeRow, steps: list[str], rules: CourseFile) -> str:
    return f"{exports.earned(row, steps, rules):g} of {exports.possible(steps, rules):g}"


def explanation(exercise: Exercise, verdict: Verdict) -> str:
    """A failed result in `learn check`'s words (a quiz: the count of right answers)."""
    if exercise.is_quiz:
        return headings.quiz_result(exercise.id, verdict.cases_passed, verdict.cases_total,
                                    verdict.passed, exercise.spec.pass_threshold)
    result = CheckResult(exercise, Path(exercise.learner_filename), verdict, None, None)
    return verdict_text(verdict_blocks(result))


def learner_page(conn: sqlite3.Connection, course: Course, row: exports.GradeRow, steps: list[str],
                 rules: CourseFile) -> str:
    shown = results(conn, row.learner)
    verified = any(r.source != "self-reported" for r in shown.values())
    parts = [f"<h1>Feedback for {_text(row.learner)}</h1>"]
    if not verified:
        parts.append(f"<p class='banner'>{_text(NOT_VERIFIED_YET)}</p>")
    parts.append(f"<p>Total: {_points(row, steps, rules)} points.</p>")
    totals = exports.assignment_totals(row, rules)
    if totals:
        cells = "".join(f"<tr><td>{_text(name)}</td><td>{earned:g} of {possible:g}</td></tr>"
                        for name, (earned, possible) in totals.items())
        parts.append(f"<table><tr><th>assignment</th><th>points</th></tr>{cells}</table>")
    bank = rules.late_days_for(row.learner)
    if bank:
        spent = sum(row.late_days_used.values())
        parts.append(f"<p>Late days: {spent} used of {bank}"
                     + "".join(f"; {n} on {_text(name)}" for name, n in row.late_days_used.items())
                     + ".</p>")
    lines, failures = [], []
    for step in steps:
        exercise = course.resolve(step)
        result = shown.get(step)
        if result is None:
            outcome, score = "not attempted", ""
        else:
            passed = result.verdict.passed
            outcome = (f"<span class='{'passed' if passed else 'failed'}'>"
                       f"{'✓ passed' if passed else '✗ failed'}</span> ({result.source})")
            score = f"{result.verdict.score:.0%}"
            if not passed:
                failures.append(f"<h3>{_text(step)} · {_text(exercise.spec.title)}</h3>"
                                f"<pre>{_text(explanation(exercise, result.verdict))}</pre>")
        notes = []
        if step in row.late_days:
            notes.append(f"late: {exports.late_text(row, step)}")
        if step in row.unverified:
            notes.append("not verified: not counted")
        if step in row.overrides:
            notes.append(f"score set by the instructor: {row.overrides[step]}")
        lines.append(f"<tr><td>{_text(step)}</td><td>{_text(exercise.spec.title)}</td>"
                     f"<td>{outcome}</td><td>{score}</td><td>{_points(row, [step], rules)}</td>"
                     f"<td>{_text('; '.join(notes))}</td></tr>")
    table = "\n".join(lines)
    parts.append("<table><tr><th>step</th><th>title</th><th>result</th><th>score</th>"
                 f"<th>points</th><th>notes</th></tr>\n{table}</table>")
    if failures:
        parts.append("<h2>What went wrong</h2>" + "".join(failures))
    return _page(f"Feedback for {row.learner}", "".join(parts))


def index_page(conn: sqlite3.Connection, rows: list[exports.GradeRow], steps: list[str],
               rules: CourseFile) -> str:
    """For the instructor: each learner's page, with their points and verified passes."""
    lines = [f"<tr><td><a href='{page_name(row.learner)}'>{_text(row.learner)}</a></td>"
             f"<td>{_points(row, steps, rules)}</td><td>{sum(row.verified.values())}</td></tr>"
             for row in rows]
    unverified = "" if exports.holds_verified_results(conn) else (
        "<p class='banner'>Nothing was verified yet: every page shows self-reported results "
        "(run `learn regrade` first).</p>")
    return _page("Feedback pages", "<h1>Feedback pages</h1>" + unverified +
                 "<table><tr><th>learner</th><th>points</th><th>verified passes</th></tr>"
                 + "".join(lines) + "</table>")
