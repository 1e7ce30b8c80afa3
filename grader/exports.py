"""Grade exports from a class database: CSV, JSON and a Gradescope results.json per learner.

Before any regrade, a step's score is the learner's best self-reported one. Once the database
holds verified results, only those count: a step with self-reported attempts but no verified
row is listed as unverified and scores nothing. Deadlines (course.toml) apply either way: to
when an attempt was made, and for a verified result to when the graded code was submitted.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass

from grader.coursefile import CourseFile
from grader.errors import LearnError
from grader.rollups import by_learner
from grader.spec import Course


@dataclass
class GradeRow:
    learner: str
    student_id: str
    email: str
    scores: dict[str, float]
    verified: dict[str, bool]  # step -> its verified result passed (the step was regraded)
    late: list[str]
    unverified: list[str]


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
    rows = []
    for learner_id, name in learners:
        scores: dict[str, float] = {}
        verified: dict[str, bool] = {}
        late: set[str] = set()
        attempted = set()
        for exercise_id, score, created_at in conn.execute(
                "SELECT exercise_id, score, created_at FROM attempts WHERE learner_id = ? AND "
                f"{by_learner()} AND error_kind IS NOT 'unfinished'", (learner_id,)):
            attempted.add(exercise_id)
            if verified_only:
                continue
            if course_file.is_late(exercise_id, created_at):
                late.add(exercise_id)
                continue
            scores[exercise_id] = max(scores.get(exercise_id, 0.0), score)
        for exercise_id, score, passed, submitted_at in conn.execute(
                "SELECT exercise_id, score, passed, submitted_at FROM verified "
                "WHERE learner_id = ?", (learner_id,)):
            verified[exercise_id] = bool(passed)
            if course_file.is_late(exercise_id, submitted_at):
                late.add(exercise_id)
                continue
            scores[exercise_id] = score
        unverified = sorted(attempted - set(verified)) if verified_only else []
        student_id, email = roster.pop(name, ("", ""))
        rows.append(GradeRow(name, student_id, email, scores, verified, sorted(late),
                             unverified))
    # On the roster without a single attempt: a row of zeros, so nobody goes missing.
    for name, (student_id, email) in roster.items():
        if learner is None or name == learner:
            rows.append(GradeRow(name, student_id, email, {}, {}, [], []))
    rows.sort(key=lambda row: row.learner)
    return steps, rows


def export_csv(steps: list[str], rows: list[GradeRow], course_file: CourseFile) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    # steps_verified: verified passes, as in the learner_progress view: one meaning, one name.
    writer.writerow(["learner", "student_id", "email", *steps, "total", "max_total",
                     "steps_verified", "steps_self_reported", "steps_late",
                     "steps_unverified"])
    maximum = sum(course_file.worth(s) for s in steps)
    for row in rows:
        values = [round(row.scores.get(s, 0.0) * course_file.worth(s), 4) for s in steps]
        reported = [s for s in row.scores if s not in row.verified]
        writer.writerow([row.learner, row.student_id, row.email, *values,
                         round(sum(values), 4), maximum, sum(row.verified.values()),
                         len(reported), " ".join(row.late), " ".join(row.unverified)])
    return out.getvalue()


def export_json(steps: list[str], rows: list[GradeRow], course_file: CourseFile) -> str:
    return json.dumps([{
        "learner": r.learner, "student_id": r.student_id, "email": r.email,
        "steps": {s: {"score": r.scores.get(s, 0.0), "points": course_file.worth(s),
                      "verified": s in r.verified, "late": s in r.late,
                      "unverified": s in r.unverified}
                  for s in steps},
        "total": sum(r.scores.get(s, 0.0) * course_file.worth(s) for s in steps),
    } for r in rows], indent=2)
