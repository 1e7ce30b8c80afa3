"""`learn report`: the instructor views as text tables, JSON, CSV, or one self-contained HTML
page with its charts inlined as SVG (openable without a server or a network)."""

from __future__ import annotations

import csv
import html
import io
import re
import sqlite3

from grader.errors import LearnError
from grader.safe_text import csv_row, printable
from grader.spec import Course

Table = tuple[str, list[str], list[list]]  # title, columns, rows


def _query(conn: sqlite3.Connection, sql: str, *args) -> tuple[list[str], list[list]]:
    cursor = conn.execute(sql, args)
    return [d[0] for d in cursor.description], [list(r) for r in cursor.fetchall()]


def course_tables(conn: sqlite3.Connection, course: Course) -> list[Table]:
    order = {e.id: (i, e.spec.title) for i, e in enumerate(course)}
    columns, rows = _query(conn, "SELECT exercise_id, learners, learners_passed, pass_rate, "
                           "median_attempts_to_pass, mean_seconds_to_pass, stuck_share "
                           "FROM step_stats")
    rows.sort(key=lambda r: order.get(r[0], (999, ""))[0])
    steps = ("Steps", ["step", "title", *columns[1:]],
             [[r[0], order.get(r[0], (0, "?"))[1], *r[1:]] for r in rows])
    top = _query(conn, """SELECT exercise_id AS step, diagnosis, attempts, percent_of_failed
                          FROM step_diagnoses d WHERE diagnosis IN (
                            SELECT diagnosis FROM step_diagnoses e
                            WHERE e.exercise_id = d.exercise_id ORDER BY attempts DESC LIMIT 3)
                       """)
    learners = _query(conn, "SELECT learner, steps_passed, steps_verified, attempts, "
                      "hints_used, last_activity FROM learner_progress ORDER BY learner")
    stuck = _query(conn, "SELECT * FROM stuck_learners")
    quiz = _query(conn, "SELECT quiz_id, question_number, answered, share_right, "
                  "most_chosen_wrong_answer FROM quiz_question_stats ORDER BY 1, 2")
    activity = _query(conn, "SELECT * FROM activity")
    grid_steps, grid_rows = grid(conn, course)
    marks = [[row[0], "".join(GRID_MARKS[c][0] if c != "verified" else "V" for c in row[1:])]
             for row in grid_rows]
    grid_table = ("Learners × steps (V verified pass, ✓ passed, ✗ failed, · not started; "
                  f"columns {grid_steps[0]}..{grid_steps[-1]})" if grid_steps else
                  "Learners × steps", ["learner", "steps"], marks)
    return [steps, grid_table, ("Misconceptions (top 3 per step)", *top), ("Learners", *learners),
            ("Who is stuck", *stuck), ("Quiz questions", *quiz), ("Activity per day", *activity)]


GRID_MARKS = {"verified": "✓✓", "passed": "✓", "failed": "✗", "none": "·"}
GRID_COLOURS = {"verified": "#1a7f37", "passed": "#8dd3a0", "failed": "#f4a7a7",
                "none": "#f6f8fa"}


def grid(conn: sqlite3.Connection, course: Course) -> tuple[list[str], list[list]]:
    """The learner × step grid: per cell verified pass, self-reported pass, failed or not
    started; the learners who got furthest first. Roster students with no work are rows too."""
    steps = [e.id for e in course]
    state: dict[str, dict[str, str]] = {}
    for name, step, first_pass in conn.execute(
            "SELECT l.name, s.exercise_id, s.first_pass_at FROM learner_step s "
            "JOIN learners l ON l.id = s.learner_id"):
        state.setdefault(name, {})[step] = "passed" if first_pass else "failed"
    for name, step, passed in conn.execute(
            "SELECT l.name, v.exercise_id, v.passed FROM verified v "
            "JOIN learners l ON l.id = v.learner_id"):
        if passed:
            state.setdefault(name, {})[step] = "verified"
    for (name,) in conn.execute("SELECT name FROM roster UNION SELECT name FROM learners"):
        state.setdefault(name, {})
    rank = {"verified": 2, "passed": 1}
    order = sorted(state, key=lambda n: (-sum(rank.get(v, 0) for v in state[n].values()), n))
    return steps, [[name, *(state[name].get(s, "none") for s in steps)] for name in order]


def grid_html(conn: sqlite3.Connection, course: Course) -> str:
    steps, rows = grid(conn, course)
    head = "".join(f"<th>{html.escape(s)}</th>" for s in steps)
    body = "".join(
        f"<tr><th>{html.escape(row[0])}</th>" + "".join(
            f"<td title='{cell}' style='background:{GRID_COLOURS[cell]}'>{GRID_MARKS[cell]}</td>"
            for cell in row[1:]) + "</tr>" for row in rows)
    legend = " ".join(f"<span style='background:{GRID_COLOURS[k]};padding:0 4px'>"
                      f"{GRID_MARKS[k]}</span> {k.replace('none', 'not started')}"
                      for k in GRID_MARKS)
    return (f"<h2>Learners × steps</h2><p>{legend}</p><table class='grid'><tr><th></th>{head}"
            f"</tr>{body}</table>")


def step_tables(conn: sqlite3.Connection, course: Course, step: str) -> list[Table]:
    exercise = course.resolve(step)
    stats = _query(conn, "SELECT * FROM step_stats WHERE exercise_id = ?", exercise.id)
    if exercise.is_quiz:  # a quiz's slips are in its answers, per question
        diagnoses = _query(conn, """SELECT question_number AS question, misconception,
                                           count(*) AS answers
                                    FROM quiz_answers WHERE quiz_id = ? AND valid = 1
                                      AND correct = 0 AND misconception IS NOT NULL
                                    GROUP BY question_number, misconception
                                    ORDER BY question_number, answers DESC""", exercise.id)
    else:
        diagnoses = _query(conn, "SELECT diagnosis, attempts, percent_of_failed FROM "
                           "step_diagnoses WHERE exercise_id = ?", exercise.id)
    learners = _query(conn, """SELECT l.name AS learner, s.attempts, s.failed_attempts,
                                      s.best_score, s.first_pass_at
                               FROM learner_step s JOIN learners l ON l.id = s.learner_id
                               WHERE s.exercise_id = ? ORDER BY l.name""", exercise.id)
    tables = [(f"{exercise.id} · {exercise.spec.title}", *stats),
              ("Misconceptions", *diagnoses)]
    if not exercise.is_quiz:
        cases = _query(conn, "SELECT parameter, value, failures, share AS share_of_failures "
                       "FROM case_difficulty WHERE exercise_id = ?", exercise.id)
        if cases[1]:
            tables.append(("Which cases break it (each failed attempt's first failing case)",
                           *cases))
    return [*tables, ("Learners on this step", *learners)]


def learner_tables(conn: sqlite3.Connection, learner: str) -> list[Table]:
    found = conn.execute("SELECT id FROM learners WHERE name = ?", (learner,)).fetchone()
    if found is None:
        raise LearnError(f"no learner called '{learner}' in this database")
    progress = _query(conn, "SELECT * FROM learner_progress WHERE learner = ?", learner)
    steps = _query(conn, """SELECT s.exercise_id AS step, s.attempts, s.best_score,
                                   s.first_pass_at, v.passed AS verified_pass
                            FROM learner_step s LEFT JOIN verified v
                              ON v.learner_id = s.learner_id AND v.exercise_id = s.exercise_id
                            WHERE s.learner_id = ? ORDER BY s.exercise_id""", found[0])
    attempts = _query(conn, """SELECT exercise_id AS step, created_at, origin, passed, score,
                                      diagnosis, error_kind FROM attempts WHERE learner_id = ?
                               ORDER BY created_at DESC LIMIT 30""", found[0])
    return [(f"Learner {learner}", *progress), ("Steps", *steps),
            ("Latest attempts", *attempts)]


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, str) and STAMP.match(value):
        return local_time(value)
    return str(value)


STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")


def local_time(stamp: str) -> str:
    """A stored UTC time in the instructor's local time, with the year and the zone."""
    from datetime import datetime

    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M %Z")


def as_text(tables: list[Table]) -> str:
    """For a terminal: every cell's control characters and bidi overrides shown as escapes
    (names, diagnoses and error kinds come from learners' hand-in files)."""
    out = []
    for title, columns, rows in tables:
        out.append(printable(title))
        if not rows:
            out.append("  (nothing yet)\n")
            continue
        cells = [[printable(_cell(v)) for v in row] for row in rows]
        widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
        out.append("  " + "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
        out.append("  " + "  ".join("─" * w for w in widths))
        for row in cells:
            out.append("  " + "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
        out.append("")
    return "\n".join(out)


def as_json(tables: list[Table]) -> dict:
    return {title: [dict(zip(columns, row, strict=True)) for row in rows]
            for title, columns, rows in tables}


def as_csv(tables: list[Table]) -> str:
    """The first table (the one the report is about), one row per line."""
    title, columns, rows = tables[0]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_row(columns))
    writer.writerows(csv_row(row) for row in rows)
    return out.getvalue()


def bar_chart(title: str, labels: list[str], values: list[float], maximum: float | None = None,
              unit: str = "") -> str:
    """A horizontal bar chart as inline SVG: no script, no network, prints and mails well."""
    maximum = maximum or max(values, default=1) or 1
    row, label_width, bar_width = 22, 150, 320
    height = row * len(labels) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 80}" '
             f'height="{height}" role="img" aria-label="{html.escape(title)}">',
             f'<text x="0" y="16" font-weight="bold">{html.escape(title)}</text>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 26 + i * row
        width = 0 if maximum == 0 else bar_width * float(value) / maximum
        parts += [f'<text x="0" y="{y + 14}" font-size="12">{html.escape(label)}</text>',
                  f'<rect x="{label_width}" y="{y + 3}" width="{width:.1f}" height="14" '
                  'fill="#4c78a8"/>',
                  f'<text x="{label_width + width + 4:.1f}" y="{y + 14}" font-size="12">'
                  f'{_cell(value)}{unit}</text>']
    parts.append("</svg>")
    return "".join(parts)


def as_html(conn: sqlite3.Connection, course: Course, tables: list[Table]) -> str:
    _, _, steps = tables[0]
    # Every pass rate with its n: "100 % of 7" reads differently from "100 % of 70".
    charts = [bar_chart("Pass rate per step", [f"{r[0]} (of {r[2]})" for r in steps],
                        [round(100 * (r[4] or 0), 1) for r in steps], 100, " %")]
    diagnoses = conn.execute("SELECT exercise_id || ' ' || diagnosis, attempts FROM "
                             "step_diagnoses ORDER BY attempts DESC LIMIT 15").fetchall()
    charts.append(bar_chart("Most frequent misconceptions (failed attempts)",
                            [d[0] for d in diagnoses], [d[1] for d in diagnoses]))
    days = conn.execute("SELECT day, attempts FROM activity ORDER BY day DESC LIMIT 14"
                        ).fetchall()[::-1]
    charts.append(bar_chart("Attempts per day", [d[0] for d in days], [d[1] for d in days]))
    body = []
    for title, columns, rows in tables:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        cells = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row)
                        + "</tr>" for row in rows) or f'<tr><td colspan="{len(columns)}">' \
            "nothing yet</td></tr>"
        body.append(f"<h2>{html.escape(title)}</h2><table><tr>{head}</tr>{cells}</table>")
    style = ("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:"
             "collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:2px 6px;"
             "font-size:13px;text-align:left}svg{display:block;margin:1em 0}"
             ".grid td{text-align:center;min-width:1.6em}")
    return ("<!doctype html><html><head><meta charset='utf-8'><title>learn-backprop report"
            f"</title><style>{style}</style></head><body><h1>Course report</h1>"
            + grid_html(conn, course) + "".join(charts) + "".join(body) + "</body></html>")
