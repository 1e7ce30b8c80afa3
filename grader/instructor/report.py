"""`learn report`: the instructor views as text tables, JSON, CSV, or one self-contained HTML
page with its charts inlined as SVG (openable without a server or a network)."""

from __future__ import annotations

import csv
import html
import io
import re
import sqlite3
from datetime import datetime
from typing import NamedTuple

from grader.course.coursefile import CourseFile
from grader.course.spec import Course
from grader.errors import LearnError
from grader.instructor import exports
from grader.instructor.exports import GradeRow
from grader.safe_text import csv_row, printable

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
    marks = [[row[0], "".join(LOOKS[state].mark for state in row[1:])] for row in grid_rows]
    legend = ", ".join(f"{look.mark} {state}" for state, look in LOOKS.items())
    columns_shown = f"; columns {grid_steps[0]}..{grid_steps[-1]}" if grid_steps else ""
    grid_table = (f"{GRID_TITLE} ({legend}{columns_shown})", ["learner", "steps"], marks)
    return [steps, grid_table, ("Misconceptions (top 3 per step)", *top), ("Learners", *learners),
            ("Who is stuck", *stuck), ("Quiz questions", *quiz), ("Activity per day", *activity)]


# -- the learner × step grid: the same five looks in the report and the dashboard's heatmap ----


class Look(NamedTuple):
    mark: str  # tells the states apart in a terminal, in print, and without colour vision
    background: str
    ink: str
    meaning: str
    css: str  # the HTML grid's class: a class per cell, not a style, keeps 500 × 52 cells small


LOOKS = {
    "verified pass": Look("V", "#1a7f37", "#ffffff", "the regrade passed it", "v"),
    "self-reported pass": Look("✓", "#c4e8cd", "#1a4d2e",
                               "passed on the learner's machine, not (yet) verified", "s"),
    # Claimed a pass that the regrade failed: a forged or machine-dependent pass. It must read
    # as a problem, so it is the darkest red, never a shade of the pass colour.
    "failed verification": Look("!", "#a40e26", "#ffffff",
                                "claimed a pass, the regrade failed it", "x"),
    "failed": Look("✗", "#f6c3c3", "#6e1a1a", "attempted, not passed", "f"),
    "not started": Look("·", "#f6f8fa", "#8c959f", "no attempt yet", "n"),
}
GRID_TITLE = "Learners × steps"
# Each (learner, step) with an attempt, in one of the looks above: the learner's own attempts
# (learner_step) and the regrade's verdict on them (verified; a result graded with no sandbox is
# not, as in the exports). The dashboard's heatmap reads it too.
CELL_STATES = """SELECT l.name AS learner, s.exercise_id AS step,
       CASE WHEN v.passed THEN 'verified pass'
            WHEN v.passed = 0 AND (v.claimed OR s.first_pass_at IS NOT NULL)
                 THEN 'failed verification'
            WHEN s.first_pass_at IS NOT NULL THEN 'self-reported pass'
            ELSE 'failed' END AS state
FROM learner_step s JOIN learners l ON l.id = s.learner_id
LEFT JOIN verified v ON v.learner_id = s.learner_id AND v.exercise_id = s.exercise_id
     AND """ + exports.sandboxed_sql("v.isolation")
PROGRESS_RANK = {"verified pass": 2, "self-reported pass": 1}  # furthest first


def grid(conn: sqlite3.Connection, course: Course) -> tuple[list[str], list[list[str]]]:
    """The learner × step grid, a state of LOOKS per cell; the learners who got furthest
    first. Roster students with no work are rows too, all "not started"."""
    steps = [e.id for e in course]
    state: dict[str, dict[str, str]] = {}
    for name, step, look in conn.execute(CELL_STATES):
        state.setdefault(name, {})[step] = look
    for (name,) in conn.execute("SELECT name FROM roster UNION SELECT name FROM learners"):
        state.setdefault(name, {})
    order = sorted(state, key=lambda n: (-sum(PROGRESS_RANK.get(v, 0)
                                              for v in state[n].values()), n))
    return steps, [[name, *(state[name].get(s, "not started") for s in steps)]
                   for name in order]


def legend_html() -> str:
    return "".join(f"<span class='key'><span class='{look.css}'>{look.mark}</span> "
                   f"{html.escape(state)}: {html.escape(look.meaning)}</span>"
                   for state, look in LOOKS.items())


def grid_html(conn: sqlite3.Connection, course: Course) -> str:
    """The grid in a scrolling box whose header row and name column stay in view, every cell
    the same size: readable from 5 to 500 learners and for every step of the course."""
    steps, rows = grid(conn, course)
    head = "".join(f"<th>{html.escape(s)}</th>" for s in steps)
    classes = {state: look.css for state, look in LOOKS.items()}
    marks = {state: look.mark for state, look in LOOKS.items()}
    body = "".join(
        f"<tr><th title='{html.escape(row[0])}'>{html.escape(row[0])}</th>" + "".join(
            f"<td class={classes[cell]}>{marks[cell]}</td>" for cell in row[1:]) + "</tr>"
        for row in rows)
    return (f"<section id='grid'><h2>{GRID_TITLE} ({len(rows)} learners, furthest first)</h2>"
            f"<p class='legend'>{legend_html()}</p><div class='scroll'><table class='grid'>"
            f"<thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table></div>"
            "</section>")


# -- grades per assignment ----------------------------------------------------------------------

GRADE_PARTS = ("points", "late", "extension", "overrides")
BANDS = 10  # a histogram's bars: tenths of the assignment's points


def points_band(points: float, of: float) -> int:
    """Which tenth of the assignment's points a total falls in (full marks in the last)."""
    if of <= 0:
        return 0
    return min(int(BANDS * points / of + 1e-9), BANDS - 1)


def grade_records(rules: CourseFile, rows: list[GradeRow]) -> list[dict]:
    """Per learner and assignment (course.toml's [assignments.NAME]): the points that count,
    of how many, the late steps with their days, the learner's extension and the overrides.
    The report's grades view and the dashboard's `grades` table are made of these."""
    records = []
    for row in rows:
        totals = exports.assignment_totals(row, rules)
        for name, assignment in rules.assignments.items():
            points, of = totals[name]
            records.append({  # rounded where shown; the band from the exact total
                "learner": row.learner, "assignment": name, "points": round(points, 2),
                "of": round(of, 2), "band": points_band(points, of),
                "late": "; ".join([*(f"{s} ({exports.late_text(row, s)})"
                                     for s in row.late if s in assignment.steps),
                                   *([f"{row.late_days_used[name]} late day(s) used"]
                                     if name in row.late_days_used else [])]),
                "extension": assignment.extensions.get(row.learner, ""),
                "overrides": "; ".join(f"{s}: {reason}" for s, reason
                                       in sorted(row.overrides.items())
                                       if s in assignment.steps)})
    return records


def _band_label(band: int, of: float) -> str:
    return f"{band * of / BANDS:g}–{(band + 1) * of / BANDS:g}"


def histogram(records: list[dict]) -> dict[str, tuple[float, list[int]]]:
    """Assignment -> (its points, learners per tenth of them)."""
    found: dict[str, tuple[float, list[int]]] = {}
    for record in records:
        _, counts = found.setdefault(record["assignment"], (record["of"], [0] * BANDS))
        counts[record["band"]] += 1
    return found


def grades_tables(rules: CourseFile, rows: list[GradeRow]) -> list[Table]:
    """The grades view as tables (terminal, JSON): a row per learner with a group of columns
    per assignment, then each assignment's histogram of points."""
    records = grade_records(rules, rows)
    parts = ("points", "of", *GRADE_PARTS[1:])
    wide: dict[str, list] = {}
    for record in records:
        wide.setdefault(record["learner"], [record["learner"]]).extend(
            record[part] for part in parts)
    counts = histogram(records)
    grades = ("Grades per assignment", ["learner", *(f"{name} {part}" for name in
                                                     rules.assignments for part in parts)],
              list(wide.values()))
    bars = []
    for name, (points, learners) in counts.items():
        widest = max(learners) or 1
        bars += [[name, _band_label(band, points), n, "█" * round(30 * n / widest)]
                 for band, n in enumerate(learners)]
    return [grades, (f"Points per assignment (n = {len(wide)} learners)",
                     ["assignment", "points", "learners", "histogram"], bars)]


def grades_html(rules: CourseFile, rows: list[GradeRow]) -> str:
    """The report's first screen: each assignment's histogram, then a row per learner with a
    group of columns per assignment, in a scrolling box like the grid's."""
    records = grade_records(rules, rows)
    if not records:
        return ("<section id='grades'><h2>Grades per assignment</h2><p>The course file names "
                "no assignment ([assignments.NAME]).</p></section>")
    counts = histogram(records)
    charts = "".join(column_chart(f"{name}: points of {points:g} (n = {sum(learners)})",
                                  [_band_label(b, points) for b in range(BANDS)], learners)
                     for name, (points, learners) in counts.items())
    groups = "".join(f"<th colspan={len(GRADE_PARTS)} class=group>{html.escape(name)} "
                     f"(of {points:g})</th>" for name, (points, _) in counts.items())
    parts = "".join(f"<th{' class=group' if i == 0 else ''}>{part}</th>"
                    for _ in counts for i, part in enumerate(GRADE_PARTS))
    wide: dict[str, list[str]] = {}
    for record in records:
        cells = [f"<td class=group>{record['points']:g}</td>",
                 *(f"<td>{html.escape(_cell(record[p]) if record[p] else '')}</td>"
                   for p in GRADE_PARTS[1:])]
        wide.setdefault(record["learner"], []).extend(cells)
    body = "".join(f"<tr><th title='{html.escape(name)}'>{html.escape(name)}</th>"
                   f"{''.join(cells)}</tr>" for name, cells in wide.items())
    return ("<section id='grades'><h2>Grades per assignment</h2><p>The points that count: "
            "verified results once a regrade ran, late rules applied, overrides first.</p>"
            f"<div class='charts'>{charts}</div><div class='scroll'><table class='grades'>"
            f"<thead><tr><th rowspan=2>learner</th>{groups}</tr><tr>{parts}</tr></thead>"
            f"<tbody>{body}</tbody></table></div></section>")


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
        # Every share with its n: "100 %" of one failure reads differently from 100 % of 40.
        cases = _query(conn, "SELECT c.parameter, c.value, c.failures, r.failed_cases AS of, "
                       "c.share AS share_of_failures FROM case_difficulty c JOIN step_rollup r "
                       "USING (exercise_id) WHERE exercise_id = ?", exercise.id)
        if cases[1]:
            tables.append(("Which cases break it (each failed attempt's first failing case, of "
                           f"{cases[1][0][3]} failures that recorded one)", *cases))
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


def column_chart(title: str, labels: list[str], counts: list[int]) -> str:
    """A histogram as inline SVG: a column per label, its count above it."""
    column, plot, width = 48, 90, 48 * len(labels) + 10  # room for a label such as 4.5–5.4
    tallest = max(counts, default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{max(width, 280)}" height="166" '
             f'role="img" aria-label="{html.escape(title)}">',
             f'<text x="0" y="14" font-weight="bold" font-size="13">{html.escape(title)}</text>']
    for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
        x, height = 5 + i * column, plot * count / tallest
        parts += [f'<rect x="{x}" y="{126 - height:.1f}" width="{column - 4}" '
                  f'height="{height:.1f}" fill="#4c78a8"/>',
                  f'<text x="{x + (column - 4) / 2}" y="{122 - height:.1f}" font-size="11" '
                  f'text-anchor="middle">{count}</text>',
                  f'<text x="{x + (column - 4) / 2}" y="140" font-size="9" '
                  f'text-anchor="middle">{html.escape(label)}</text>']
    parts.append('<text x="5" y="158" font-size="10" fill="#57606a">points (learners per '
                 'tenth of the total)</text></svg>')
    return "".join(parts)


STYLE = """body{font-family:sans-serif;margin:2em;max-width:80em}
table{border-collapse:collapse;margin-bottom:1em}
td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;text-align:left}
svg{display:block;margin:1em 0}.charts svg{display:inline-block;margin:0 1.5em 0.5em 0}
.scroll{overflow:auto;max-height:70vh;border:1px solid #ccc;margin-bottom:1.5em}
.scroll table{border-collapse:separate;border-spacing:0;margin:0}
.scroll td,.scroll th{border-width:0 1px 1px 0;white-space:nowrap}
.scroll thead th{position:sticky;top:0;z-index:2;background:#fff;height:22px;
  box-sizing:border-box}
.scroll thead tr+tr th{top:22px}
.scroll tbody th{position:sticky;left:0;z-index:1;background:#fff;max-width:14em;
  overflow:hidden;text-overflow:ellipsis;font-weight:normal}
.scroll thead th:first-child{left:0;z-index:3}
.grid td{width:30px;min-width:30px;max-width:30px;height:20px;padding:0;text-align:center;
  font-size:12px}
.grid thead th{font-size:11px;padding:2px}
.grades .group{border-left:2px solid #57606a}
.legend .key{margin-right:1.2em;white-space:nowrap;font-size:13px}
.legend .key span{display:inline-block;width:1.6em;text-align:center;border:1px solid #d0d7de}
""" + "".join(f".{look.css}{{background:{look.background};color:{look.ink}}}"
              for look in LOOKS.values())


def as_html(conn: sqlite3.Connection, course: Course, tables: list[Table],
            grades: tuple[CourseFile, list[GradeRow]] | None = None) -> str:
    """The course report as one page: with `grades` (a course file's rules, Classroom.grades'
    rows) the grades per assignment first, then the learner × step grid, the charts, and
    the tables (but the grid's text form, which the grid itself shows)."""
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
        if title.startswith(GRID_TITLE):
            continue
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        cells = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row)
                        + "</tr>" for row in rows) or f'<tr><td colspan="{len(columns)}">' \
            "nothing yet</td></tr>"
        body.append(f"<h2>{html.escape(title)}</h2><table><tr>{head}</tr>{cells}</table>")
    first = grades_html(*grades) if grades else ""
    return ("<!doctype html><html><head><meta charset='utf-8'><title>learn-backprop report"
            f"</title><style>{STYLE}</style></head><body><h1>Course report</h1>" + first
            + grid_html(conn, course) + "".join(charts) + "".join(body) + "</body></html>")
