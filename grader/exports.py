"""Grade exports from a class database: CSV, JSON and a Gradescope results.json per learner.

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

from grader.coursefile import CourseFile
from grader.errors import LearnError
from grader.rollups import by_learner
from grader.safe_text import csv_row
from grader.spec import Course


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


# Results graded with no sandbox (`learn regrade --isolation none`) are listed as unverified.
SANDBOXED = "isolation IS NOT 'none'"


def holds_verified_results(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM verified LIMIT 1").fetchone() is not None


def grade_rows(conn: sqlite3.Connection, course: Course, learner: str | None = None,
               course_file: CourseFile | None = None) -> tuple[list[str], list[GradeRow]]:
    """Per learner and step: the score that counts (see the module's docstring)."""
    course_file = course_file or CourseFile()
    steps = [e.id for e in course]
    roster = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT name, student_id, email FROM roster")}
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
            attempted.add(exercise_id)
            if not verified_only:
                work.setdefault(exercise_id, []).append((score, created_at))
        for exercise_id, score, passed, submitted_at in conn.execute(
                "SELECT exercise_id, score, passed, submitted_at FROM verified "
                f"WHERE learner_id = ? AND {SANDBOXED}", (learner_id,)):
            verified[exercise_id] = bool(passed)
            work[exercise_id] = [(score, submitted_at)]  # a verified result replaces the rest
        row = GradeRow(name, *roster.pop(name, ("", "")), {}, verified, [],
                       sorted(attempted - set(verified)) if verified_only else [])
        for exercise_id, done in work.items():
            # The best credit any piece of work earns, each by its own time (late rules).
            credited = [course_file.credit(exercise_id, name, when, score)
                        for score, when in done]
            best, days = max(credited, key=lambda c: (c[0], -c[1]))
            row.scores[exercise_id] = best
            if days > 0:
                row.late.append(exercise_id)
                row.late_days[exercise_id] = days
        _apply_overrides(row, overrides)
        row.late.sort()
        rows.append(row)
    # On the roster without a single attempt: a row of zeros, so nobody goes missing.
    for name, (student_id, email) in roster.items():
        if learner is None or name == learner:
            row = GradeRow(name, student_id, email, {}, {}, [], [])
            _apply_overrides(row, overrides)
            rows.append(row)
    rows.sort(key=lambda row: row.learner)
    return steps, rows


def earned(row: GradeRow, steps, course_file: CourseFile) -> float:
    """Points a learner earned over some steps (an assignment, an LMS column, the course)."""
    return round(sum(row.scores.get(s, 0.0) * course_file.worth(s) for s in steps), 4)


def possible(steps, course_file: CourseFile) -> float:
    return round(sum(course_file.worth(s) for s in steps), 4)


def latest_overrides(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[float, str]]:
    """(learner, step) -> (score, reason): the latest override of each, which beats every
    other result (merges and regrades never touch the table)."""
    found = {}
    for name, step, score, comment in conn.execute(
            "SELECT name, exercise_id, score, comment FROM overrides ORDER BY created_at, rowid"):
        found[(name, step)] = (score, comment)
    return found


def _apply_overrides(row: GradeRow, overrides: dict) -> None:
    for (name, step), (score, comment) in overrides.items():
        if name == row.learner:
            row.scores[step] = score
            row.overrides[step] = comment
            if step in row.late:
                row.late.remove(step)
                row.late_days.pop(step, None)


def export_csv(steps: list[str], rows: list[GradeRow], course_file: CourseFile) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    # steps_verified: verified passes, as in the learner_progress view: one meaning, one name.
    writer.writerow(csv_row(["learner", "student_id", "email", *steps, "total", "max_total",
                             "steps_verified", "steps_self_reported", "steps_late",
                             "steps_unverified", "overrides"]))
    maximum = sum(course_file.worth(s) for s in steps)
    for row in rows:
        values = [round(row.scores.get(s, 0.0) * course_file.worth(s), 4) for s in steps]
        reported = [s for s in row.scores if s not in row.verified]
        late = " ".join(f"{s} ({row.late_days[s]} d)" if s in row.late_days else s
                        for s in row.late)
        writer.writerow(csv_row([
            row.learner, row.student_id, row.email, *values, round(sum(values), 4), maximum,
            sum(row.verified.values()), len(reported), late, " ".join(row.unverified),
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
    questions = questions or {}
    return json.dumps([{
        "learner": r.learner, "student_id": r.student_id, "email": r.email,
        "steps": {s: {"score": r.scores.get(s, 0.0), "points": course_file.worth(s),
                      "verified": s in r.verified, "late": s in r.late,
                      "days_late": r.late_days.get(s, 0), "override": r.overrides.get(s),
                      "unverified": s in r.unverified,
                      **({"questions": questions[(r.learner, s)]}
                         if (r.learner, s) in questions else {})}
                  for s in steps},
        "total": sum(r.scores.get(s, 0.0) * course_file.worth(s) for s in steps),
    } for r in rows], indent=2)


def assignment_totals(row: GradeRow, course_file: CourseFile) -> dict[str, tuple[float, float]]:
    """Assignment name -> (points earned, points possible) for one learner."""
    totals = {}
    for name, assignment in course_file.assignments.items():
        totals[name] = (earned(row, assignment.steps, course_file),
                        possible(assignment.steps, course_file))
    return totals


def _gradebook_columns(steps: list[str], course_file: CourseFile) -> list[tuple[str, list]]:
    """(column title, its steps): one per assignment where the course file has them, else one
    for the whole course."""
    if course_file.assignments:
        return [(name, list(a.steps)) for name, a in course_file.assignments.items()]
    return [("learn-backprop", steps)]


def export_canvas(steps: list[str], rows: list[GradeRow], course_file: CourseFile) -> str:
    """Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then one
    column per assignment, a "Points Possible" row first. Canvas matches students by SIS User
    ID (the roster's student_id); a learner without one cannot be matched and is left out."""
    columns = _gradebook_columns(steps, course_file)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_row(["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                             *(title for title, _ in columns)]))
    writer.writerow(csv_row(["Points Possible", "", "", "", "",
                             *(possible(group, course_file) for _, group in columns)]))
    for row in rows:
        if not row.student_id:
            continue
        writer.writerow(csv_row([row.learner, "", row.student_id, row.email, "",
                                 *(earned(row, group, course_file) for _, group in columns)]))
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
        if not (row.student_id or row.email):
            continue
        writer.writerow(csv_row([row.student_id, row.email, row.learner,
                                 *(earned(row, group, course_file) for _, group in columns)]))
    return out.getvalue()


def unmatched(rows: list[GradeRow], fmt: str) -> list[str]:
    """Learners an LMS export had to leave out (no student id; for Moodle, no email either)."""
    return [r.learner for r in rows if not r.student_id and (fmt == "canvas" or not r.email)]
