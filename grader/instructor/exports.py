"""Grade exports from a class database: CSV, JSON, Canvas's and Moodle's gradebook CSVs (the
Gradescope results.json of one learner is built in grader/instructor/gradescope.py).
A new format: a writer here, its name in FORMATS, a branch in Classroom.export and the name in
the cli's `export --format` (tests/test_cli.py checks the cli's list against FORMATS).

Before any regrade, a step's score is the learner's best self-reported one. Once the database
holds verified results, only those count: a step with self-reported attempts but no verified
row is listed as unverified and scores nothing (as does a step graded with no sandbox,
`learn regrade --isolation none`). Deadlines (course.toml) apply either way: to
when an attempt was made, and for a verified result to when the graded code was submitted.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass, field

from grader.course.coursefile import CourseFile
from grader.course.spec import Course
from grader.database.rollups import by_learner
from grader.errors import LearnError
from grader.safe_text import csv_row


@dataclass
class GradeRow:
    learner: str
    student_id: str
    email: str
    scores: dict[str, float]  # step -> the share of its points that counts
    verified: dict[str, bool]  # step -> its verified result passed (the step was regraded)
    late: list[str]  # steps whose counted work was late (less credit, or none)
    unverified: list[str]
    late_days: dict[str, int] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)  # step -> the instructor's reason
    lms: dict[str, str] = field(default_factory=dict)  # the roster's lms_id, login_id, section,
    #                                                    sortable_name (where given)
    after_last: list[str] = field(default_factory=list)  # late steps done after the last date
    late_days_used: dict[str, int] = field(default_factory=dict)  # assignment -> bank days spent


FORMATS = ("csv", "json", "gradescope", "canvas", "moodle")


# Results graded with no sandbox (`learn regrade --isolation none`) are listed as unverified:
# in the exports, the report's grid and the feedback pages alike.
def sandboxed_sql(column: str = "isolation") -> str:
    return f"{column} IS NOT 'none'"


def sandboxed(isolation: str) -> bool:
    return isolation != "none"


SANDBOXED = sandboxed_sql()


def holds_verified_results(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM verified LIMIT 1").fetchone() is not None


def grade_rows(conn: sqlite3.Connection, course: Course, learner: str | None = None,
               course_file: CourseFile | None = None) -> tuple[list[str], list[GradeRow]]:
    """The graded steps (course_file.graded_steps), and per learner and graded step the share
    of its points that counts (see the module's docstring)."""
    course_file = course_file or CourseFile()
    steps = [e.id for e in course_file.graded_steps(course)]
    graded = set(steps)
    roster = {r[0]: r[1:] for r in conn.execute(
        f"SELECT name, student_id, email, {', '.join(LMS_FIELDS)} FROM roster")}
    learners = conn.execute("SELECT id, name FROM learners" + (" WHERE name = ?" if learner
                            else "") + " ORDER BY name", (learner,) if learner else ()).fetchall()
    if learner and not learners and learner not in roster:
        raise LearnError(f"no learner called '{learner}' in this database")
    verified_only = holds_verified_results(conn)
    overrides = latest_overrides(conn)
    rows = []
    for learner_id, name in learners:
        work: dict[str, list[tuple[float, str | None]]] = {}  # step -> (score, when) counted
        verified: dict[str, bool] = {}
        attempted = set()
        for exercise_id, score, created_at in conn.execute(
                "SELECT exercise_id, score, created_at FROM attempts WHERE learner_id = ? AND "
                f"{by_learner()} AND error_kind IS NOT 'unfinished'", (learner_id,)):
            if exercise_id not in graded:
                continue
            attempted.add(exercise_id)
            if not verified_only:
                work.setdefault(exercise_id, []).append((share(score), created_at))
        for exercise_id, score, passed, submitted_at in conn.execute(
                "SELECT exercise_id, score, passed, submitted_at FROM verified "
                f"WHERE learner_id = ? AND {SANDBOXED}", (learner_id,)):
            if exercise_id in graded:
                verified[exercise_id] = bool(passed)
                work[exercise_id] = [(score, submitted_at)]  # a verified result replaces the rest
        row = _row(name, roster.pop(name, None), verified,
                   sorted(attempted - set(verified)) if verified_only else [])
        _credit(row, work, course_file)
        _apply_overrides(row, overrides, graded)
        row.late.sort()
        rows.append(row)
    # On the roster without a single attempt: a row of zeros, so nobody goes missing.
    for name, entry in roster.items():
        if learner is None or name == learner:
            row = _row(name, entry, {}, [])
            _apply_overrides(row, overrides, graded)
            rows.append(row)
    rows.sort(key=lambda row: row.learner)
    return steps, rows


LMS_FIELDS = ("lms_id", "login_id", "section", "sortable_name")


def share(score: object) -> float:
    """A self-reported score as a share from 0 to 1: a hand-in may hold text, NaN or 7 there."""
    try:
        value = float(score)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return min(1.0, max(0.0, value)) if value == value else 0.0


def _row(name: str, entry: tuple | None, verified: dict[str, bool],
         unverified: list[str]) -> GradeRow:
    """A learner's row before any score, with what the roster says of them."""
    student_id, email, *lms = entry or ("", "", *("" for _ in LMS_FIELDS))
    return GradeRow(name, student_id or "", email or "", {}, verified, [], unverified,
                    lms={k: v for k, v in zip(LMS_FIELDS, lms, strict=True) if v})


def _credit(row: GradeRow, work: dict[str, list[tuple[float, str | None]]],
            course_file: CourseFile) -> None:
    """Each step's best credit (each piece of work by its own time), spending the learner's
    late days assignment by assignment in due-date order (coursefile's docstring)."""
    left = course_file.late_days_for(row.learner)

    def best(step: str, late_days: int) -> tuple[float, int, str | None]:
        return max(((*course_file.credit(step, row.learner, when, score, late_days), when)
                    for score, when in work[step]), key=lambda c: (c[0], -c[1]))

    chosen: dict[str, tuple[float, int, str | None]] = {}
    for assignment in course_file.by_due_date():
        mine = {s: best(s, left) for s in assignment.steps if s in work}
        used = min(left, max((days for credit, days, _ in mine.values() if credit > 0),
                             default=0))
        if used:
            row.late_days_used[assignment.name] = used
            left -= used
        chosen.update(mine)
    for step in work:
        if step not in chosen:
            chosen[step] = best(step, 0)
    for step, (credit, days, when) in chosen.items():
        row.scores[step] = credit
        if days > 0:
            row.late.append(step)
            row.late_days[step] = days
            if course_file.after_last(step, row.learner, when):
                row.after_last.append(step)


def earned(row: GradeRow, steps, course_file: CourseFile) -> float:
    """Points a learner earned over some steps (an assignment, an LMS column, the course),
    unrounded: round once, where it is shown."""
    return sum(row.scores.get(s, 0.0) * course_file.worth(s) for s in steps)


def possible(steps, course_file: CourseFile) -> float:
    return sum(course_file.worth(s) for s in steps)


def shown(points: float) -> float:
    """Points as every export writes them: rounded once, at the end."""
    return round(points, 4)


def latest_overrides(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[float, str]]:
    """(learner, step) -> (score, reason): the latest override of each, which beats every
    other result (merges and regrades never touch the table)."""
    found = {}
    for name, step, score, comment in conn.execute(
            "SELECT name, exercise_id, score, comment FROM overrides ORDER BY created_at, rowid"):
        found[(name, step)] = (score, comment)
    return found


def _apply_overrides(row: GradeRow, overrides: dict, graded: set[str]) -> None:
    for (name, step), (score, comment) in overrides.items():
        if name == row.learner and step in graded:
            row.scores[step] = score
            row.overrides[step] = comment
            if step in row.late:
                row.late.remove(step)
                row.late_days.pop(step, None)
            if step in row.after_last:
                row.after_last.remove(step)


def late_text(row: GradeRow, step: str) -> str:
    """How late a step's counted work was, in words every export uses."""
    days = row.late_days.get(step, 0)
    if step in row.after_last:
        return f"{days} d, after the last date: earned 0"
    return f"{days} d"


def export_csv(steps: list[str], rows: list[GradeRow], course_file: CourseFile) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    # steps_verified: verified passes, as in the learner_progress view: one meaning, one name.
    writer.writerow(csv_row(["learner", "student_id", "email", *steps, "total", "max_total",
                             "steps_verified", "steps_self_reported", "steps_late",
                             "late_days_used", "steps_unverified", "overrides"]))
    for row in rows:
        reported = [s for s in row.scores if s not in row.verified]
        writer.writerow(csv_row([
            row.learner, row.student_id, row.email,
            *(shown(earned(row, [s], course_file)) for s in steps),
            shown(earned(row, steps, course_file)), shown(possible(steps, course_file)),
            sum(row.verified.values()), len(reported),
            "; ".join(f"{s} ({late_text(row, s)})" for s in row.late),
            sum(row.late_days_used.values()), " ".join(row.unverified),
            "; ".join(f"{s}: {c}" for s, c in sorted(row.overrides.items()))]))
    return out.getvalue()


def quiz_questions(conn: sqlite3.Connection) -> dict[tuple[str, str], dict[str, bool]]:
    """(learner, quiz) -> question number -> right, from the learner's best run of the quiz
    (the latest of equal scores): the answers behind a quiz's score."""
    best: dict[tuple[str, str], tuple] = {}
    for name, quiz, attempt_id, score, created_at in conn.execute(
            "SELECT l.name, a.exercise_id, a.id, a.score, a.created_at FROM attempts a "
            "JOIN learners l ON l.id = a.learner_id WHERE a.id IN "
            f"(SELECT DISTINCT attempt_id FROM quiz_answers) AND {by_learner('a.origin')}"):
        if (name, quiz) not in best or (score, created_at) > best[(name, quiz)][1:]:
            best[(name, quiz)] = (attempt_id, score, created_at)
    found = {}
    for key, (attempt_id, _, _) in best.items():
        marks: dict[str, bool] = {}
        for number, correct in conn.execute(
                "SELECT question_number, correct FROM quiz_answers WHERE attempt_id = ? "
                "AND valid = 1 ORDER BY created_at, rowid", (attempt_id,)):
            marks[str(number)] = bool(correct)
        found[key] = marks
    return found


def export_json(steps: list[str], rows: list[GradeRow], course_file: CourseFile,
                questions: dict | None = None) -> str:
    """Unrounded points (a program reads these; it rounds as it shows them)."""
    questions = questions or {}
    return json.dumps([{
        "learner": r.learner, "student_id": r.student_id, "email": r.email, **r.lms,
        "steps": {s: {"score": r.scores.get(s, 0.0), "points": course_file.worth(s),
                      "verified": s in r.verified, "late": s in r.late,
                      "days_late": r.late_days.get(s, 0), "after_last": s in r.after_last,
                      "override": r.overrides.get(s), "unverified": s in r.unverified,
                      **({"questions": questions[(r.learner, s)]}
                         if (r.learner, s) in questions else {})}
                  for s in steps},
        "late_days_used": r.late_days_used,
        "late_days_left": course_file.late_days_for(r.learner) - sum(r.late_days_used.values()),
        "total": earned(r, steps, course_file), "max_total": possible(steps, course_file),
    } for r in rows], indent=2)


def assignment_totals(row: GradeRow, course_file: CourseFile) -> dict[str, tuple[float, float]]:
    """Assignment name -> (points earned, points possible) for one learner, unrounded."""
    return {name: (earned(row, a.steps, course_file), possible(a.steps, course_file))
            for name, a in course_file.assignments.items()}


def _gradebook_columns(steps: list[str], course_file: CourseFile) -> list[tuple[str, list]]:
    """(column title, its steps): one per assignment where the course file has them (Canvas's
    `Name (id)` where it gives canvas_id), else one for the graded steps."""
    if course_file.assignments:
        return [(f"{name} ({a.canvas_id})" if a.canvas_id else name,
                 [s for s in a.steps if s in steps])
                for name, a in course_file.assignments.items()
                if any(s in steps for s in a.steps)]
    return [("learn-backprop", steps)]


def sortable_name(row: GradeRow) -> str:
    """Canvas's Student column: "Last, First" (the roster's, else from a name with a space)."""
    if row.lms.get("sortable_name"):
        return row.lms["sortable_name"]
    first, _, last = row.learner.strip().rpartition(" ")
    return f"{last}, {first}" if first else row.learner


def export_canvas(steps: list[str], rows: list[GradeRow], course_file: CourseFile) -> str:
    """Canvas's gradebook import: Student ("Last, First"), ID (Canvas's user id), SIS User ID,
    SIS Login ID, Section, then one column per assignment (`Name (canvas_id)`), a "Points
    Possible" row first. Canvas matches a student by ID, SIS User ID or SIS Login ID, so a
    learner with none of them on the roster cannot be matched and is left out. No other
    column: Canvas makes an assignment of any column it does not know."""
    columns = _gradebook_columns(steps, course_file)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_row(["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                             *(title for title, _ in columns)]))
    writer.writerow(csv_row(["Points Possible", "", "", "", "",
                             *(shown(possible(group, course_file)) for _, group in columns)]))
    for row in rows:
        if not matchable(row, "canvas"):
            continue
        writer.writerow(csv_row([
            sortable_name(row), row.lms.get("lms_id", ""), row.student_id,
            row.lms.get("login_id", ""), row.lms.get("section", ""),
            *(shown(earned(row, group, course_file)) for _, group in columns)]))
    return out.getvalue()


def export_moodle(steps: list[str], rows: list[GradeRow], course_file: CourseFile) -> str:
    """Moodle's grade import (CSV): a column that identifies the user (ID number, or the email
    address), then one column per grade item to map onto Moodle's items at import."""
    columns = _gradebook_columns(steps, course_file)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_row(["ID number", "Email address", "Full name",
                             *(t for t, _ in columns)]))
    for row in rows:
        if not matchable(row, "moodle"):
            continue
        writer.writerow(csv_row([row.student_id, row.email, row.learner,
                                 *(shown(earned(row, group, course_file))
                                   for _, group in columns)]))
    return out.getvalue()


def matchable(row: GradeRow, fmt: str) -> bool:
    """The LMS can tell who the row is: Canvas by its user id, SIS id or login; Moodle by
    the ID number or the email."""
    if fmt == "canvas":
        return bool(row.student_id or row.lms.get("lms_id") or row.lms.get("login_id"))
    return bool(row.student_id or row.email)


def unmatched(rows: list[GradeRow], fmt: str) -> list[str]:
    """Learners an LMS export had to leave out."""
    return [r.learner for r in rows if not matchable(r, fmt)]
