"""The instructor dashboard: Datasette with datasette-dashboards over the progress database.

Read-only and private by default:
- bound to 127.0.0.1, and requests whose Host header is not a loopback name are refused (a web
  page cannot reach the dashboard through DNS rebinding);
- the live database is opened the way Datasette opens any mutable file, with read-only
  connections (`?mode=ro`), which see every committed write (WAL); `--immutable` would not.
  `snapshot=True` serves a consistent copy made with SQLite's backup API instead, opened
  immutable;
- an SQL time limit, no database download, no CSV export, no write canned queries, and only GET
  and HEAD requests;
- fully offline: the plugin's bundled Vega files, Datasette's own static files, a footer without
  the link out, and a Content-Security-Policy that lets the page load nothing from elsewhere.

Datasette (with its uvicorn) is an optional extra (`pip install -e '.[dashboard]'`): imported
where it is used, and only here.
Nothing in this module imports click.
"""

from __future__ import annotations

import colorsys
import ipaddress
import json
import signal
import socket
import sqlite3
import tempfile
import threading
import types
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs

import sqlite_utils

from grader.database import store
from grader.database.rollups import STUCK_AFTER, by_learner
from grader.errors import LearnError
from grader.instructor.report import CELL_STATES, LOOKS, PROGRESS_RANK

LEARNER_ATTEMPT = by_learner("a.origin")

INSTALL_HINT = "pip install -e '.[dashboard]'"
DB_NAME = "progress"  # the database's name in every URL, whatever the file is called
SLUG = "course"  # the dashboard at /-/dashboards/course
PLUGIN_KEY = "learn-backprop"  # our own entry in the metadata's "plugins"
STATIC_ROUTE = "-/learn-static"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

SETTINGS = {
    "sql_time_limit_ms": 2000,  # every chart reads a rollup; 2 s is far more than they need
    "allow_download": False,  # no download of the database file
    "allow_csv_stream": False,  # CSV export as a whole is refused by the guard below
    "suggest_facets": False,  # no extra queries on the big tables while browsing
    "default_cache_ttl": 0,  # live numbers, and nothing personal left in caches
    "truncate_cells_html": 20_000,  # a learner's code in one cell, whole
    # The heatmap is a row per learner and started step: 500 learners × 52 steps is 26,000
    # (Datasette's default of 1,000 cut a class of 40 short).
    "max_returned_rows": 50_000,
}

CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'")

# Datasette's footer, without its link to datasette.io (nothing on the page points away).
FOOTER = ("learn-backprop instructor dashboard &middot; read-only &middot;\n"
          f"<a href=\"{{{{ urls.path('-/dashboards/{SLUG}') }}}}\">course dashboard</a>\n"
          "{% if query_ms %}&middot; queries took {{ query_ms|round(1) }} ms{% endif %}\n")

CSS = """/* learn-backprop dashboard */
.dashboard-card-title { font-size: 0.95rem; }
.dashboard-card-title p { margin: 0 0 0.4rem 0; }
.dashboard-card-chart > div > p { margin: 0.2rem 0; }
.dashboard-grid { grid-gap: 0.8rem; }
#card-links { align-items: stretch; }
#card-links p { margin: 0.2rem 0; }
.dashboard-filters select { min-width: 14em; }
/* CSV export is refused (see _guard): no links to it */
.export-links, .advanced-export { display: none; }
td.col-code { white-space: pre-wrap; font-family: monospace; font-size: 0.85em;
              min-width: 30em; }
"""

# -- the SQL behind each panel ----------------------------------------------------------------
#
# Unfiltered, every panel reads one of the instructor views of grader/database/rollups.py (small
# tables,
# fast on a million attempts). With the learner filter set, the same numbers come from that one
# learner's rows (an index lookup). `[[ ... :learner ... ]]` is datasette-dashboards' optional
# clause: kept when the filter has a value, dropped when it is empty.


def _view_or_learner(view_sql: str, learner_sql: str) -> str:
    """The view's rows without a learner chosen, else the learner's own rows."""
    return (f"SELECT * FROM ({view_sql}) WHERE 1 [[AND :learner IS NULL]]\n"
            f"UNION ALL\n"
            f"SELECT * FROM ({learner_sql}) WHERE 0 [[OR :learner IS NOT NULL]]")


PROGRESS = "FROM learner_progress WHERE 1 [[AND learner = :learner]]"
VERIFIED = ("FROM verified v JOIN learners l ON l.id = v.learner_id "
            "WHERE 1 [[AND l.name = :learner]]")


def metrics(verified: bool) -> dict[str, tuple[str, str, str]]:
    """The tiles: slug -> (title, SQL, suffix). Once a regrade has verified anything, passes
    count only verified results (a forged or unverified claim no longer counts), and the
    titles say which kind they count."""
    tiles = {
        "learners": ("Learners (with work)", "SELECT count(*) AS value " + PROGRESS, ""),
        "attempts": ("Attempts (checks and finished quizzes)",
                     "SELECT coalesce(sum(attempts), 0) AS value " + PROGRESS, ""),
    }
    if verified:
        tiles["steps_passed"] = ("Steps passed (verified)",
                                 "SELECT coalesce(sum(v.passed), 0) AS value " + VERIFIED, "")
        tiles["pass_rate"] = ("Pass rate (verified: passed / regraded)",
                              "SELECT CAST(round(100.0 * coalesce(sum(v.passed), 0) "
                              "/ max(count(*), 1)) AS INTEGER) AS value " + VERIFIED, "%")
    else:
        tiles["steps_passed"] = ("Steps passed (self-reported: no regrade yet)",
                                 "SELECT coalesce(sum(steps_passed), 0) AS value " + PROGRESS, "")
        tiles["pass_rate"] = ("Pass rate (self-reported: passed / started)",
                              "SELECT CAST(round(100.0 * coalesce(sum(steps_passed), 0) / "
                              "max(coalesce(sum(steps_attempted), 0), 1)) AS INTEGER) AS value "
                              + PROGRESS, "%")
    return tiles


LEARNER_ROWS = "JOIN learners l ON l.id = {alias}.learner_id WHERE l.name = :learner"
STEP_PASS_RATE = _view_or_learner(
    "SELECT exercise_id AS step, learners, learners_passed AS passed, pass_rate, "
    "learners_stuck AS stuck FROM step_stats",
    "SELECT s.exercise_id, count(*), sum(s.first_pass_at IS NOT NULL), "
    "round(1.0 * sum(s.first_pass_at IS NOT NULL) / count(*), 4), "
    f"sum(s.first_pass_at IS NULL AND s.failed_attempts >= {STUCK_AFTER}) "
    f"FROM learner_step s {LEARNER_ROWS.format(alias='s')} GROUP BY s.exercise_id")


def grid_sql(first_step: str | None) -> str:
    """The heatmap's cells (report.CELL_STATES), furthest first, and a "not started" cell at
    the first step for everyone with none: roster students with no work are rows too. Cells
    with no row are drawn in the not-started look (the view's fill)."""
    rank = " ".join(f"WHEN '{state}' THEN {n}" for state, n in PROGRESS_RANK.items())
    first = f"'{first_step}'" if first_step else "(SELECT min(step) FROM cells)"
    return f"""WITH cells AS ({CELL_STATES}
WHERE 1 [[AND l.name = :learner]])
SELECT learner, step, state,
       sum(CASE state {rank} ELSE 0 END) OVER (PARTITION BY learner) AS progress
FROM cells
UNION ALL
SELECT name, {first}, 'not started', 0
FROM (SELECT name FROM learners UNION SELECT name FROM roster)
WHERE name NOT IN (SELECT learner FROM cells) [[AND name = :learner]]
ORDER BY progress DESC, learner"""



def distinct_colours(count: int = 64) -> list[str]:
    """As many visibly different colours as a chart has series: hues a golden angle apart,
    at alternating lightness, so none repeats (vega's schemes wrap after 10 or 20)."""
    colours = []
    for index in range(count):
        hue = (index * 137.508) % 360 / 360
        light = (0.42, 0.62, 0.52)[index % 3]
        red, green, blue = colorsys.hls_to_rgb(hue, light, 0.65)
        colours.append(f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}")
    return colours


MISCONCEPTIONS = _view_or_learner(
    "SELECT exercise_id AS step, diagnosis, attempts FROM step_diagnoses",
    "SELECT a.exercise_id, a.diagnosis, count(*) "
    f"FROM attempts a {LEARNER_ROWS.format(alias='a')} AND {LEARNER_ATTEMPT} "
    "AND a.passed = 0 AND a.diagnosis IS NOT NULL GROUP BY a.exercise_id, a.diagnosis")
PARAMETERS = ("CASE WHEN json_valid({alias}.failing_case) THEN "
              "json_extract({alias}.failing_case, '$.parameters') END")
CASES = _view_or_learner(  # each share with its n: the failures that recorded their case
    "SELECT c.exercise_id AS step, c.parameter, c.parameter || ' ' || c.value AS \"case\", "
    "c.failures, r.failed_cases AS of_failures, c.share "
    "FROM case_difficulty c JOIN step_rollup r USING (exercise_id)",
    "SELECT f.exercise_id, p.key, p.key || ' ' || p.value, count(*), f.n, "
    "round(1.0 * count(*) / f.n, 3) FROM (SELECT a.exercise_id, a.failing_case, "
    "count(*) OVER (PARTITION BY a.exercise_id) AS n "
    f"FROM attempts a {LEARNER_ROWS.format(alias='a')} AND {LEARNER_ATTEMPT} AND a.passed = 0 "
    f"AND {PARAMETERS.format(alias='a')} IS NOT NULL) f "
    f"JOIN json_each({PARAMETERS.format(alias='f')}) p GROUP BY f.exercise_id, p.key, p.value")
ACTIVITY = _view_or_learner(
    "SELECT day, attempts, passes FROM activity",
    "SELECT substr(a.created_at, 1, 10), count(*), sum(a.passed) "
    f"FROM attempts a {LEARNER_ROWS.format(alias='a')} AND {LEARNER_ATTEMPT} "
    "AND a.error_kind IS NOT 'unfinished' GROUP BY substr(a.created_at, 1, 10)")
# Written into the served snapshot by serve(grades=...): a row per learner and assignment.
GRADES = """SELECT assignment || ' (of ' || printf('%g', max(of)) || ' points, n = ' ||
       (SELECT count(*) FROM grades g WHERE g.assignment = grades.assignment
        [[AND g.learner = :learner]]) || ')' AS assignment, band, count(*) AS learners
FROM grades WHERE 1 [[AND learner = :learner]] GROUP BY grades.assignment, band"""
QUIZ = _view_or_learner(
    "SELECT quiz_id || ' #' || question_number AS question, answered, correct, share_right "
    "FROM quiz_question_stats",
    "SELECT q.quiz_id || ' #' || q.question_number, count(*), sum(q.correct), "
    "round(1.0 * sum(q.correct) / count(*), 4) "
    f"FROM quiz_answers q {LEARNER_ROWS.format(alias='q')} AND q.valid = 1 "
    "GROUP BY q.quiz_id, q.question_number")
# review_stats per slip; one learner's: the same, from their own review_log (m012_review).
FIRST_LATE_REVIEW = ("(SELECT r.correct FROM review_log r WHERE r.learner_id = e.learner_id "
                     "AND r.item = e.item AND r.event = 'reviewed' AND julianday(r.happened_at)"
                     " >= julianday(e.slipped_at) + 3 ORDER BY r.happened_at LIMIT 1)")
REVIEW = _view_or_learner(
    "SELECT step || ' · ' || slip AS slip, learners, reviewed_after_3_days AS reviewed, "
    "right_after_3_days AS \"right\", retention FROM review_stats",
    "SELECT f.step || ' · ' || f.slip, 1, count(f.correct), coalesce(sum(f.correct), 0), "
    "round(1.0 * sum(f.correct) / nullif(count(f.correct), 0), 4) FROM ("
    f"SELECT e.step, e.slip, {FIRST_LATE_REVIEW} AS correct FROM (SELECT g.learner_id, g.item, "
    "g.step, g.slip, min(g.happened_at) AS slipped_at FROM review_log g "
    f"{LEARNER_ROWS.format(alias='g')} AND g.event = 'entered' AND g.slip IS NOT NULL "
    "GROUP BY g.learner_id, g.item) e) f GROUP BY f.step, f.slip")

WHO_IS_STUCK = """SELECT learner, exercise_id AS step, failed_attempts, last_attempt_at,
       last_diagnosis
FROM stuck_learners"""
LEARNER_ATTEMPTS = """SELECT a.id, a.exercise_id AS exercise, a.created_at AS time, a.origin,
       a.passed, a.score, a.diagnosis,
       CASE WHEN a.error_kind IS NULL THEN a.error_message
            ELSE a.error_kind || coalesce(': ' || a.error_message, '') END AS error,
       a.code
FROM attempts a JOIN learners l ON l.id = a.learner_id
WHERE l.name = :learner
ORDER BY a.created_at DESC"""

# vega-embed reads its options from the spec: no action menu (its links lead off this machine),
# SVG (crisp, and the browser test can see it).
EMBED = {"embedOptions": {"actions": False, "renderer": "svg"}}
CHART_CONFIG = {"background": "#00000000", "line": {"point": True},  # the plugin's own, kept
                "axis": {"labelFontSize": 11, "titleFontSize": 12},
                "legend": {"labelFontSize": 12, "titleFontSize": 12}}
PERCENT = {"type": "quantitative", "scale": {"domain": [0, 1]}, "axis": {"format": "%"}}


def _step_axis(steps: Sequence[str]) -> dict:
    """Steps in course order; with the course known, every step has its place on the axis (how
    far the class has got shows), not only the steps someone has started."""
    axis = {"field": "step", "type": "nominal", "title": None, "axis": {"labelAngle": -45}}
    if steps:
        axis.update(sort=list(steps), scale={"domain": list(steps)})
    else:
        axis["sort"] = "ascending"
    return axis


def _vega_lite(title: str, db_name: str, sql: str, spec: dict) -> dict:
    display = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",  # a name, not fetched
               "usermeta": EMBED, "height": 220, "config": CHART_CONFIG, **spec}
    return {"title": title, "db": db_name, "query": sql, "library": "vega-lite",
            "display": display}


def _labelled_bars(colour: str) -> list[dict]:
    """A bar per category and its label ("67% of 3") written upward from the bar's foot,
    inside the bar's own band: labels never overlap, however many bars (labels above the bars
    did, from some 20 steps on). The bars are light so the dark label reads on them."""
    return [{"mark": {"type": "bar", "color": colour, "width": {"band": 0.8}}},
            {"mark": {"type": "text", "angle": 270, "align": "left", "baseline": "middle",
                      "dx": 3, "fontSize": 10, "color": "#1f2328"},
             "encoding": {"y": {"datum": 0}, "text": {"field": "label", "type": "nominal"}}}]


def _heatmap(steps: Sequence[str]) -> dict:
    """Learners × steps in the looks of report.LOOKS: a fixed 16 px row per learner, so the
    chart grows with the class and no two names overlap; step names above and below."""
    states, looks = list(LOOKS), list(LOOKS.values())
    meanings = json.dumps({state: f"{state}: {look.meaning}" for state, look in LOOKS.items()})
    scale = {"domain": states, "range": [look.background for look in looks]}
    x = _step_axis(steps)
    return {
        "height": {"step": 16},
        "view": {"stroke": None, "fill": LOOKS["not started"].background},
        "transform": [{"calculate": json.dumps({s: look.mark for s, look in LOOKS.items()})
                       + "[datum.state]", "as": "mark"}],
        "encoding": {
            "y": {"field": "learner", "type": "nominal", "title": None, "sort": None,
                  "axis": {"labelLimit": 240, "labelFontSize": 11}},
            "tooltip": [{"field": "learner"}, {"field": "step"}, {"field": "state"}],
        },
        "layer": [
            {"mark": {"type": "rect", "stroke": "#ffffff"},
             "encoding": {
                 "x": {**x, "axis": {"labelAngle": -45, "orient": "top"}},
                 "color": {"field": "state", "type": "nominal", "title": None, "scale": scale,
                           "legend": {"orient": "top", "columns": 2, "labelLimit": 500,
                                      "labelExpr": f"{meanings}[datum.label]",
                                      "symbolStrokeColor": "#d0d7de"}}}},
            {"mark": {"type": "text", "fontSize": 10},
             "encoding": {
                 "x": {**x, "axis": {"labelAngle": -45, "orient": "bottom"}},
                 "text": {"field": "mark", "type": "nominal"},
                 "color": {"field": "state", "type": "nominal", "legend": None,
                           "scale": {"domain": states, "range": [look.ink for look in looks]}}}},
        ],
        "resolve": {"scale": {"color": "independent"}, "axis": {"x": "independent"}},
    }


def _charts(db_name: str, steps: Sequence[str], verified: bool = False,
            grades: bool = False) -> dict:
    """Every panel by its slug, in the order the layout of dashboard_metadata places them."""
    charts: dict = {}
    for slug, (title, sql, suffix) in metrics(verified).items():
        charts[slug] = {"title": title, "db": db_name, "query": sql, "library": "metric",
                        "display": {"field": "value", "prefix": "", "suffix": suffix}}
    if grades:
        charts["grades"] = _grades_chart(db_name)
    charts["step_pass_rate"] = _step_pass_rate_chart(db_name, steps)
    charts["misconceptions"] = _misconceptions_chart(db_name, steps)
    charts["cases"] = _cases_chart(db_name, steps)
    charts["activity"] = _activity_chart(db_name)
    charts["quiz"] = _quiz_chart(db_name)
    charts["review"] = _review_chart(db_name)
    charts["grid"] = _vega_lite("Learners × steps: furthest first", db_name,
                                grid_sql(steps[0] if steps else None), _heatmap(steps))
    charts["links"] = _links(db_name, grades)
    return charts


def _grades_chart(db_name: str) -> dict:
    return _vega_lite(
        "Grades (course.toml, as the dashboard started): learners per tenth of each "
        "assignment's points", db_name, GRADES, {
            "encoding": {
                "x": {"field": "band", "type": "ordinal", "title": "share of the points",
                      "scale": {"domain": list(range(10))},
                      "axis": {"labelAngle": 0, "labelExpr":
                               "datum.value * 10 + '–' + (datum.value * 10 + 10) + ' %'"}},
                "xOffset": {"field": "assignment", "type": "nominal"},
                "y": {"field": "learners", "type": "quantitative", "title": "learners",
                      "axis": {"tickMinStep": 1}},
                "color": {"field": "assignment", "type": "nominal", "title": None,
                          "legend": {"orient": "top", "labelLimit": 400}},
                "tooltip": [{"field": "assignment"},
                            {"field": "learners", "type": "quantitative"}],
            },
            "layer": [{"mark": {"type": "bar"}},
                      {"mark": {"type": "text", "dy": -6, "fontSize": 10},
                       "encoding": {"text": {"field": "learners", "type": "quantitative"},
                                    "color": {"value": "#1f2328"}}}],
        })


def _step_pass_rate_chart(db_name: str, steps: Sequence[str]) -> dict:
    return _vega_lite(
        "Pass rate per step: learners who passed / learners who started (the n)", db_name,
        STEP_PASS_RATE, {
            "encoding": {
                "x": _step_axis(steps),
                "y": {"field": "pass_rate", "title": "pass rate", **PERCENT},
                "tooltip": [{"field": "step"}, {"field": "learners", "type": "quantitative"},
                            {"field": "passed", "type": "quantitative"},
                            {"field": "stuck", "type": "quantitative"},
                            {"field": "pass_rate", "type": "quantitative", "format": ".0%"}],
            },
            # Every pass rate with its n: "100% of 7" reads differently from "100% of 70".
            "transform": [{"calculate": "format(datum.pass_rate, '.0%') + ' of ' + "
                                        "datum.learners", "as": "label"}],
            "layer": _labelled_bars("#a6c8e6"),
        })


def _misconceptions_chart(db_name: str, steps: Sequence[str]) -> dict:
    return _vega_lite(
        "Misconceptions per step: failed attempts by diagnosis", db_name, MISCONCEPTIONS, {
            "mark": {"type": "bar", "width": {"band": 0.7}},
            "encoding": {
                "x": _step_axis(steps),
                "y": {"aggregate": "sum", "field": "attempts", "type": "quantitative",
                      "title": "failed attempts", "axis": {"tickMinStep": 1}},
                "color": {"field": "diagnosis", "type": "nominal", "title": "diagnosis",
                          "scale": {"range": distinct_colours()},
                          "legend": {"orient": "right", "labelLimit": 200}},
                "tooltip": [{"field": "step"}, {"field": "diagnosis"},
                            {"field": "attempts", "type": "quantitative"}],
            },
        })


def _cases_chart(db_name: str, steps: Sequence[str]) -> dict:
    """A row per (step, case), biggest share first within a step, each with its count and n:
    "1 of 1" is no finding, "30 of 40" is."""
    order = f"indexof({json.dumps(list(steps))}, datum.step) + 0.999 * (1 - datum.share)"
    return _vega_lite(
        "Which cases break learners: of a step's failed attempts (n), how many had the case "
        "as their first failing case", db_name, CASES, {
            "height": {"step": 16},
            "transform": [
                {"calculate": "datum.step + ' · ' + datum.case", "as": "row"},
                {"calculate": order, "as": "order"},
                {"calculate": "datum.failures + ' of ' + datum.of_failures + ' (' + "
                              "format(datum.share, '.0%') + ')'", "as": "label"}],
            "encoding": {
                "y": {"field": "row", "type": "nominal", "title": None,
                      "sort": {"field": "order", "op": "min"}, "axis": {"labelLimit": 220}},
                "x": {"field": "share", "type": "quantitative", "title": "of the step's failures",
                      "scale": {"domain": [0, 1.3]},
                      "axis": {"format": "%", "values": [0, 0.25, 0.5, 0.75, 1]}},
                "tooltip": [{"field": "step"}, {"field": "case"},
                            {"field": "failures", "type": "quantitative"},
                            {"field": "of_failures", "type": "quantitative", "title": "of"},
                            {"field": "share", "type": "quantitative", "format": ".0%"}],
            },
            # No colour legend: the row names the case, and a legend with nothing in it yet
            # breaks vega's layout of a chart whose height grows with its rows.
            "layer": [
                {"mark": {"type": "bar", "height": {"band": 0.8}, "color": "#4c78a8"}},
                {"mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10},
                 "encoding": {"text": {"field": "label", "type": "nominal"}}},
            ],
        })


def _activity_chart(db_name: str) -> dict:
    return _vega_lite(
        "Activity per day (UTC): attempts and passes", db_name, ACTIVITY, {
            "transform": [{"fold": ["attempts", "passes"], "as": ["series", "count"]}],
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "day", "type": "temporal", "timeUnit": "utcyearmonthdate",
                      "title": None, "axis": {"format": "%b %d", "tickCount": "day"}},
                "y": {"field": "count", "type": "quantitative", "title": "per day",
                      "axis": {"tickMinStep": 1}},
                "color": {"field": "series", "type": "nominal", "title": None,
                          "legend": {"orient": "top"}},
                "tooltip": [{"field": "day", "title": "day (UTC)"}, {"field": "series"},
                            {"field": "count", "type": "quantitative"}],
            },
        })


def _quiz_chart(db_name: str) -> dict:
    return _vega_lite(
        "Quiz questions: share answered right (of the n who answered)", db_name, QUIZ, {
            "transform": [{"calculate": "format(datum.share_right, '.0%') + ' of ' + "
                                        "datum.answered", "as": "label"}],
            "layer": _labelled_bars("#a8d5a2"),
            "encoding": {
                "x": {"field": "question", "type": "nominal", "title": None, "sort": "ascending",
                      "axis": {"labelAngle": -45}},
                "y": {"field": "share_right", "title": "answered right", **PERCENT},
                "tooltip": [{"field": "question"},
                            {"field": "answered", "type": "quantitative"},
                            {"field": "correct", "type": "quantitative"},
                            {"field": "share_right", "type": "quantitative", "format": ".0%"}],
            },
        })


def _review_chart(db_name: str) -> dict:
    """A row per slip in `learn review`, most learners first: the share right at the first
    review three days or more after the slip (retention), with its n and how many learners
    have the slip in review."""
    label = ("datum.reviewed > 0 ? format(datum.retention, '.0%') + ' of ' + datum.reviewed + "
             "' right · ' + datum.learners + ' in review' : datum.learners + ' in review, none "
             "asked 3+ days on yet'")
    return _vega_lite(
        "Review (learn review): per slip, the share right when first asked again 3 or more "
        "days after it (of the n asked), and how many learners have it in review", db_name,
        REVIEW, {
            "height": {"step": 16},
            "transform": [{"calculate": "datum.retention || 0", "as": "share"},
                          {"calculate": label, "as": "label"}],
            "encoding": {
                "y": {"field": "slip", "type": "nominal", "title": None,
                      "sort": {"field": "learners", "order": "descending"},
                      "axis": {"labelLimit": 260}},
                "x": {"field": "share", "type": "quantitative",
                      "title": "right at the first review 3+ days on",
                      "scale": {"domain": [0, 1.6]},
                      "axis": {"format": "%", "values": [0, 0.25, 0.5, 0.75, 1]}},
                "tooltip": [{"field": "slip"}, {"field": "learners", "type": "quantitative"},
                            {"field": "reviewed", "type": "quantitative"},
                            {"field": "right", "type": "quantitative"},
                            {"field": "retention", "type": "quantitative", "format": ".0%"}],
            },
            "layer": [
                {"mark": {"type": "bar", "height": {"band": 0.8}, "color": "#8fbf8f"}},
                {"mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10},
                 "encoding": {"text": {"field": "label", "type": "nominal"}}},
            ],
        })


def _links(db_name: str, grades: bool) -> dict:
    grades_link = f"[grades per learner and assignment](/{db_name}/grades) · " if grades else ""
    return {
        "library": "markdown",
        "display": (
            f"**Follow up:** [who is stuck](/{db_name}/who_is_stuck) "
            f"({STUCK_AFTER} or more failed attempts at a step, no pass yet) · "
            f"[one learner's attempts, with their code](/{db_name}/learner_attempts) · "
            f"{grades_link}[every table and view](/{db_name}) · "
            "Pick a learner above to narrow every panel to them."
        ),
    }


def dashboard_metadata(db_name: str = DB_NAME, steps: Sequence[str] = (), live: bool = True,
                       allowed_hosts: Sequence[str] | None = LOOPBACK_NAMES,
                       verified: bool = False, grades: bool = False) -> dict:
    """Datasette's metadata: the course dashboard, the canned queries, the offline look.

    `steps` (exercise ids in course order) orders the per-step charts; `live` adds a reload
    every two minutes; `allowed_hosts` are the Host header names accepted (None: any);
    `verified`: the tiles count verified results; `grades`: the database has a `grades` table
    (serve(grades=...)) to chart."""
    return {
        "title": "learn-backprop instructor dashboard",
        "description_html": (f'<p>The <a href="/-/dashboards/{SLUG}">course dashboard</a>, '
                             f'<a href="/{db_name}/who_is_stuck">who is stuck</a> and '
                             f'<a href="/{db_name}/learner_attempts">one learner\'s attempts'
                             "</a>. Read-only.</p>"),
        "extra_css_urls": [f"/{STATIC_ROUTE}/dashboard.css"],
        # The tombstones of forgotten learners: keyed hashes, and the key that lets anyone
        # holding it test a guessed name; nobody browsing the dashboard needs either.
        "databases": {db_name: {"queries": _canned_queries(), "tables": {
            t: {"hidden": True, "allow": False} for t in ("forgotten", "forgotten_salt")}}},
        "plugins": {
            "datasette-dashboards": {SLUG: _course_dashboard(db_name, steps, live, verified,
                                                             grades)},
            PLUGIN_KEY: {"allowed_hosts": list(allowed_hosts) if allowed_hosts else None},
        },
    }


def _course_dashboard(db_name: str, steps: Sequence[str], live: bool, verified: bool,
                      grades: bool) -> dict:
    """datasette-dashboards' entry: the panels, where each goes, and the learner filter."""
    rows = [["grades"] * 4] if grades else []
    return {
        "title": "learn-backprop: course dashboard",
        "description": "Every number comes from the learners' graded attempts and quiz answers "
                       "(read-only). Rates count each learner once per step.",
        "settings": {"allow_fullscreen": True, **({"autorefresh": 2} if live else {})},
        # Overview first; the heatmap, a row per learner, grows with the class: last.
        "layout": [
            ["learners", "attempts", "steps_passed", "pass_rate"],
            *rows,
            ["step_pass_rate"] * 4,
            ["misconceptions"] * 4,
            ["cases"] * 4,
            ["activity"] * 4,
            ["quiz"] * 4,
            ["review"] * 4,
            ["grid"] * 4,
            ["links"] * 4,
        ],
        "filters": {
            "learner": {"name": "Learner", "type": "select", "db": db_name,
                        "query": "SELECT name FROM learners UNION SELECT name FROM roster "
                                 "ORDER BY name"},
        },
        "charts": _charts(db_name, steps, verified, grades),
    }


def _canned_queries() -> dict:
    """The pages the links lead to: who is stuck, and one learner's attempts with their code."""
    return {
        "who_is_stuck": {
            "title": "Who is stuck",
            "description": f"Learners with {STUCK_AFTER} or more failed attempts at a step and "
                           "no pass yet, most failures first, with the diagnosis of their last "
                           "failed attempt.",
            "sql": WHO_IS_STUCK,
        },
        "learner_attempts": {
            "title": "One learner's attempts, with their code",
            "description": "Every attempt of the learner named below, newest first: the step, "
                           "when, where it came from (local or notebook: theirs; regrade: "
                           "yours), whether it passed, the score, the diagnosis, the error and "
                           "the code that was submitted.",
            "sql": LEARNER_ATTEMPTS,
            "params": ["learner"],
        },
    }


# -- the guard: an ASGI wrapper around this Datasette only ------------------------------------


def _respond(status: int, text: str):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
        await send({"type": "http.response.body", "body": text.encode()})
    return app


def _host_name(scope) -> str:
    for key, value in scope.get("headers", []):
        if key == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[1:].split("]", 1)[0]
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


def _guard(app, allowed_hosts: Sequence[str] | None, json_sql: set[str] | None = None):
    """Read-only, loopback names only, no CSV; and the JSON API only for the dashboard's own
    chart and filter queries: one rule for both, so learners' code leaves neither way."""
    allowed = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def guarded(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        if allowed is not None and _host_name(scope) not in allowed:
            return await _respond(421, "This dashboard answers only on its own address "
                                  "(127.0.0.1).")(scope, receive, send)
        if scope["method"] not in ("GET", "HEAD"):
            return await _respond(405, "The dashboard is read-only.")(scope, receive, send)
        if scope["path"].lower().endswith(".csv"):
            return await _respond(403, "CSV export is turned off on this dashboard.")(
                scope, receive, send)
        if json_sql is not None and not _json_allowed(scope, json_sql):
            return await _respond(403, "The JSON API serves only this dashboard's charts, as "
                                  "CSV export is off: browse the tables instead.")(
                scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-security-policy"]
                headers += [(b"content-security-policy", CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]
                message = dict(message, headers=headers)
            await send(message)

        return await app(scope, receive, send_with_headers)

    return guarded


def _json_allowed(scope, json_sql: set[str]) -> bool:
    """Datasette's own metadata (/-/...) and the dashboard's queries, with or without the
    learner filter; any other .json (tables, canned queries, arbitrary SQL) is refused."""
    path = scope["path"]
    if not path.lower().endswith(".json") or path.startswith("/-/"):
        return True
    sql = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("sql", [None])[0]
    return path == f"/{DB_NAME}.json" and sql in json_sql


def dashboard_queries(datasette) -> set[str]:
    """Every SQL text the dashboard's page sends to the JSON API."""
    from datasette_dashboards import replace_opts_in_query

    board = (datasette.plugin_config("datasette-dashboards") or {}).get(SLUG, {})
    texts = [c["query"] for c in board.get("charts", {}).values() if "query" in c]
    texts += [f["query"] for f in board.get("filters", {}).values() if "query" in f]
    found = set()
    for text in texts:
        for options in ({}, {"learner": "?"}):
            found.add(replace_opts_in_query(text, options))
    return found


def _asgi_wrapper(datasette):
    """The plugin hook: wraps only a Datasette whose metadata carries our plugin entry, so
    another Datasette in the same process is left as it is."""
    config = datasette.plugin_config(PLUGIN_KEY)
    if config is None:
        return lambda app: app
    return lambda app: _guard(app, config.get("allowed_hosts"), dashboard_queries(datasette))


def _require_datasette():
    try:
        import datasette
        import datasette_dashboards  # noqa: F401
        from datasette.version import __version__
    except ImportError:
        raise LearnError("the dashboard needs Datasette and datasette-dashboards: "
                         f"{INSTALL_HINT}") from None
    if not __version__.startswith("0."):
        raise LearnError(f"the dashboard needs Datasette below 1.0 (found {__version__}; "
                         f"datasette-dashboards breaks on 1.0): {INSTALL_HINT}")
    from datasette.plugins import pm

    if pm.get_plugin(PLUGIN_KEY) is None:
        plugin = types.ModuleType("learn_backprop_dashboard_guard")
        plugin.asgi_wrapper = datasette.hookimpl(_asgi_wrapper)
        pm.register(plugin, name=PLUGIN_KEY)


# -- building and serving ---------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts_for(host: str, extra_hosts: Sequence[str] = ()) -> list[str] | None:
    """Host header names to accept: loopback names when bound to loopback; None (any) when the
    dashboard was deliberately bound to another address."""
    if not is_loopback(host):
        return None
    return sorted({*LOOPBACK_NAMES, host.strip("[]").lower(), *extra_hosts})


def _check_database(db_path: Path) -> None:
    """A learn-backprop database at the current schema; an older one is migrated the way every
    `learn` command does (the dashboard itself never writes)."""
    if not db_path.is_file():
        raise LearnError(f"no progress database at {db_path}: learners' `learn check` creates "
                         "it; point --db or LEARN_DB at the class's database")
    if any(c in str(db_path) for c in "?#%"):
        raise LearnError(f"{db_path}: Datasette cannot open a path with ?, # or % in it; "
                         "rename it, or serve a copy with --snapshot")
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise LearnError(f"{db_path}: {store.explain_error(exc)}") from None
    if version != store.SCHEMA_VERSION:
        store.connect(db_path).close()  # migrates, or a one-line StoreError


def snapshot_copy(db_path: Path, target: Path) -> Path:
    """A consistent copy of the live database (SQLite's online backup), as one plain file."""
    try:
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode = DELETE")  # no -wal beside the copy
            finally:
                destination.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise LearnError(f"cannot copy {db_path} for the snapshot ({exc})") from None
    return target


def _read(db_path: str | Path, sql: str) -> list[tuple]:
    """Rows of a query on the served file, or none if it cannot be read (no such table)."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def write_grades(db_path: Path, records: Sequence[dict]) -> None:
    """The `grades` table (report.grade_records: a row per learner and assignment) in a
    snapshot copy; the live database is never written."""
    sqlite_utils.Database(db_path)["grades"].insert_all(records)


def make_datasette(db_path: str | Path, workdir: str | Path, *, immutable: bool = False,
                   steps: Sequence[str] = (), allowed_hosts: Sequence[str] | None = LOOPBACK_NAMES):
    """The configured Datasette (not yet serving) over `db_path`; `workdir` receives the
    template and stylesheet overrides and must outlive it. Whether the tiles count verified
    results, and whether there are grades to chart, is read from the database now."""
    _require_datasette()
    from datasette.app import Datasette
    from datasette.database import Database

    workdir = Path(workdir)
    templates, static = workdir / "templates", workdir / "static"
    templates.mkdir(parents=True, exist_ok=True)
    static.mkdir(parents=True, exist_ok=True)
    (templates / "_footer.html").write_text(FOOTER, encoding="utf-8")
    (static / "dashboard.css").write_text(CSS, encoding="utf-8")
    if steps:
        started = _read(db_path, "SELECT exercise_id FROM step_rollup ORDER BY exercise_id")
        steps = [*steps, *(s for (s,) in started if s not in steps)]
    verified = bool(_read(db_path, "SELECT 1 FROM verified LIMIT 1"))
    grades = bool(_read(db_path, "SELECT 1 FROM grades LIMIT 1"))
    metadata = dashboard_metadata(DB_NAME, steps, live=not immutable, allowed_hosts=allowed_hosts,
                                  verified=verified, grades=grades)
    ds = Datasette(metadata=metadata, settings=SETTINGS, template_dir=str(templates),
                   static_mounts=[(STATIC_ROUTE, str(static))])
    if "_memory" in ds.databases:
        ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(db_path), is_mutable=not immutable), name=DB_NAME)
    return ds


def _bind(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        if "sock" in locals():
            sock.close()
        raise LearnError(f"cannot serve on {host}:{port} ({exc.strerror or exc}); "
                         "pick another port with --port") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_for(host: str, port: int) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}/-/dashboards/{SLUG}"


def serve(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1",
          snapshot: bool = False, steps: Sequence[str] = (), extra_hosts: Sequence[str] = (),
          ready: Callable[[str], None] | None = None, grades: Sequence[dict] = ()) -> None:
    """Serve the dashboard until interrupted (Ctrl-C, SIGTERM). `ready(url)` is called once the
    port is bound. Behind a reverse proxy on this machine, name the public host in
    `extra_hosts` (the proxy must pass the Host header on). `grades` (report.grade_records)
    are written into the snapshot as a `grades` table, so they imply `snapshot`."""
    _require_datasette()
    import uvicorn

    db_path = Path(db_path).expanduser().resolve()
    _check_database(db_path)
    sock = _bind(host, port)
    try:
        with tempfile.TemporaryDirectory(prefix="learn-dashboard-") as tmp:
            source, snapshot = db_path, snapshot or bool(grades)
            if snapshot:
                source = snapshot_copy(db_path, Path(tmp) / "progress.db")
                if grades:
                    write_grades(source, grades)
            ds = make_datasette(source, tmp, immutable=snapshot, steps=steps,
                                allowed_hosts=allowed_hosts_for(host, extra_hosts))
            server = uvicorn.Server(uvicorn.Config(ds.app(), log_level="warning",
                                                   lifespan="on"))
            if ready is not None:
                ready(url_for(host, port))
            with _stop_quietly():
                server.run(sockets=[sock])
    finally:
        sock.close()


class _Stopped(Exception):
    pass


@contextmanager
def _stop_quietly():
    """Ctrl-C and SIGTERM end the server normally, so the temporary folder is removed: uvicorn
    handles both while it runs and raises them again once it has stopped, which would kill the
    process (SIGTERM's default action) before any cleanup."""
    def stop(signum, frame):
        raise _Stopped

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if main else None
    try:
        yield
    except (_Stopped, KeyboardInterrupt):
        pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
