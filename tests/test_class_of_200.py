"""A class of 200 (and 20 roster students with no work) in the report's HTML page and the
dashboard: verified passes, failed verifications, self-reported passes, grades per assignment.

The class is written straight into the store (seconds, not the minutes real checks take). A
failed verification must never look like a pass; the tiles count verified results once there
are any; in headless Chromium no two learners' names overlap, the last step's column can be
scrolled to under a visible header, and the grades are on the report's first screen."""

import asyncio
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlencode

import pytest

from grader.cli import cli
from grader.course.spec import Course
from grader.database import rollups, store
from grader.instructor import report

ROOT = Path(__file__).resolve().parents[1]
LEARNERS = 200
ROSTER_ONLY = [f"Roster Only {n:02d}" for n in range(20)]
FIRST = ["Ada", "Bartholomew", "Chen", "Dagný", "Emeka", "Fatima-Zahra", "Gus", "Hiroshi",
         "Ines", "Jo"]
LAST = ["Lovelace", "Okonkwo-Williams", "Li", "Sigurðardóttir", "Ng", "Van der Berg",
        "Kowalczyk", "Østergaard", "Ruiz", "Oyelaran-Abiodun"]
NAMES = [f"{FIRST[n % 10]} {LAST[n // 10 % 10]} {n:03d}" for n in range(LEARNERS)]
DUE, LATE = "2026-03-10T12:00:00.000+00:00", "2026-03-11T13:00:00.000+00:00"
COURSE_TOML = """
[assignments.week1]
steps = ["ex01", "ex02", "ex03"]
points = 9
due = "2026-03-10T12:00:00"
late_penalty_per_day = 0.25

[assignments.week2]
steps = ["ex04", "ex05", "q01"]
points = 6
due = "2026-03-10T12:00:00"
extensions = { "Chen Lovelace 002" = "2026-03-20T12:00:00" }
"""
SCREENSHOTS = Path("/work/screenshots")  # copies for a closing note, when the folder exists


def plan(n: int, steps: list[str]) -> dict[str, str]:
    """Learner n's looks per step: 3 to 12 steps started, the last one failed; three in four
    regraded (then step 2 a failed verification for every fifth); the rest self-reported."""
    started = steps[:3 + n % 10]
    regraded = n % 4 != 3
    looks = {}
    for index, step in enumerate(started):
        if index == len(started) - 1:
            looks[step] = "failed"
        elif not regraded:
            looks[step] = "self-reported pass"
        elif index == 1 and n % 5 == 0:
            looks[step] = "failed verification"
        else:
            looks[step] = "verified pass"
    return looks


def make_class(root: Path) -> tuple[Path, Path, dict[str, dict[str, str]]]:
    """(database, course.toml, learner -> step -> look) for the class of 200."""
    steps = [e.id for e in Course.load()][:13]
    db, toml = root / "class.db", root / "course.toml"
    toml.write_text(COURSE_TOML, encoding="utf-8")
    conn = store.connect(db)
    looks = {}
    with store.transaction(conn):
        for n, name in enumerate(NAMES):
            looks[name] = plan(n, steps)
            learner = uuid.uuid4().hex
            conn.execute("INSERT INTO learners (id, name, os_user, created_at) "
                         "VALUES (?, ?, 'x', ?)", (learner, name, DUE))
            for step, look in looks[name].items():
                passed = look != "failed"
                when = LATE if n % 7 == 0 else DUE.replace("12:00", "09:00")
                attempt = uuid.uuid4().hex
                conn.execute(
                    "INSERT INTO attempts (id, learner_id, exercise_id, exercise_hash, "
                    "created_at, duration_ms, seed, passed, score, cases_total, cases_passed, "
                    "code_sha256, code, grader_version, origin) VALUES (?, ?, ?, 'h', ?, 1, 1, "
                    "?, ?, 20, 20, 'x', 'code', 't', 'local')",
                    (attempt, learner, step, when, int(passed), float(passed)))
                if look in ("verified pass", "failed verification") or (
                        look == "failed" and n % 4 != 3):
                    conn.execute(
                        "INSERT INTO verified (learner_id, exercise_id, attempt_id, passed, "
                        "score, code_sha256, regraded_at, isolation, submitted_at, claimed) "
                        "VALUES (?, ?, ?, ?, ?, 'x', ?, 'bwrap', ?, ?)",
                        (learner, step, attempt, int(look == "verified pass"),
                         float(look == "verified pass"), DUE, when, int(passed)))
        conn.executemany("INSERT INTO roster (name, student_id, email) VALUES (?, ?, ?)",
                         [(name, f"id{n}", "") for n, name in enumerate(NAMES + ROSTER_ONLY)])
        conn.execute("INSERT INTO overrides (name, exercise_id, score, comment, by_user, "
                     "created_at) VALUES (?, 'ex01', 1.0, 'graded by hand', 'me', ?)",
                     (NAMES[1], DUE))
        rollups.recompute(conn)
    conn.close()
    return db, toml, looks


@pytest.fixture(scope="module")
def big_class(tmp_path_factory):
    return make_class(tmp_path_factory.mktemp("class200"))


def test_a_failed_verification_never_gets_a_pass_look(big_class, tmp_path):
    from click.testing import CliRunner

    db, toml, looks = big_class
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["--db", str(db), "report", "--html", str(page),
                                      "--course-file", str(toml)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    steps = [e.id for e in Course.load()]
    css = {look.css: state for state, look in report.LOOKS.items()}
    shown = {}
    for name, cells in re.findall(r"<tr><th title='[^']*'>([^<]*)</th>((?:<td class=\w>[^<]*"
                                  r"</td>)+)</tr>", text):
        shown[name] = dict(zip(steps, (css[c] for c in re.findall(r"class=(\w)", cells)),
                               strict=True))
    assert set(shown) == {*looks, *ROSTER_ONLY}  # roster students are rows, all not started
    assert all(set(shown[n].values()) == {"not started"} for n in ROSTER_ONLY)
    for name, planned in looks.items():
        assert {s: v for s, v in shown[name].items() if v != "not started"} == planned
    backgrounds = {state: look.background for state, look in report.LOOKS.items()}
    assert len(set(backgrounds.values())) == len(backgrounds)  # five looks, five colours
    refuted = f".{report.LOOKS['failed verification'].css}{{background:"
    assert refuted + backgrounds["failed verification"] in text
    refutations = sum(v == "failed verification" for c in looks.values() for v in c.values())
    assert refutations == 30 and refutations == sum(
        v == "failed verification" for c in shown.values() for v in c.values())
    # The grid once, as a grid: its text form (V ✓ ! ✗ ·) stays in the terminal's output.
    assert text.count("Learners × steps") == 1 and "columns ex01.." not in text
    terminal = CliRunner().invoke(cli, ["--db", str(db), "report"]).output
    assert "! failed verification" in terminal and "columns ex01..q22" in terminal


@pytest.mark.slow  # Datasette
def test_the_dashboard_counts_verified_results_and_shows_every_learner(big_class, tmp_path):
    pytest.importorskip("datasette_dashboards")
    from datasette_dashboards import replace_opts_in_query

    from grader.instructor import dashboard

    db, _, looks = big_class
    ds = dashboard.make_datasette(db, tmp_path, steps=[e.id for e in Course.load()])
    charts = ds.plugin_config("datasette-dashboards")["course"]["charts"]

    async def rows(slug: str) -> list[dict]:
        sql = replace_opts_in_query(charts[slug]["query"], {})
        response = await ds.client.get("/progress.json?" + urlencode({"sql": sql,
                                                                     "_shape": "objects"}))
        assert not response.json()["truncated"]
        return response.json()["rows"]

    def value(slug: str):
        return asyncio.run(rows(slug))[0]["value"]

    cells = [v for planned in looks.values() for v in planned.values()]
    regraded = [v for n, name in enumerate(NAMES) if n % 4 != 3 for v in looks[name].values()]
    assert charts["steps_passed"]["title"] == "Steps passed (verified)"
    assert value("steps_passed") == cells.count("verified pass")
    assert "verified" in charts["pass_rate"]["title"]
    assert value("pass_rate") == round(100 * cells.count("verified pass") / len(regraded))
    # Self-reported passes would have counted every pass but the failed ones.
    assert cells.count("verified pass") < sum(v != "failed" for v in cells)
    heatmap: dict[str, dict[str, str]] = {}
    for row in asyncio.run(rows("grid")):
        heatmap.setdefault(row["learner"], {})[row["step"]] = row["state"]
    assert {name: heatmap[name] for name in looks} == looks  # the cells as planned
    assert all(heatmap[name] == {"ex01": "not started"} for name in ROSTER_ONLY)


def _chromium():
    if not Path("/usr/bin/chromium").is_file():
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api")


def _no_overlaps(boxes: list[dict]) -> None:
    """Label boxes, top to bottom, each below the one before: no two names overlap."""
    boxes = sorted(boxes, key=lambda b: b["y"])
    for above, below in pairwise(boxes):
        assert above["y"] + above["height"] <= below["y"] + 0.5, (above, below)


def _keep(shot: Path) -> None:
    if SCREENSHOTS.is_dir():
        shutil.copy(shot, SCREENSHOTS / shot.name)


@pytest.mark.slow  # headless Chromium and a Datasette server
def test_the_class_of_200_is_readable_in_chromium(big_class, tmp_path):
    from tests.test_dashboard import CHROMIUM, CHROMIUM_ARGS, _stop, free_port

    sync_api = _chromium()
    pytest.importorskip("datasette_dashboards")
    from click.testing import CliRunner

    db, toml, looks = big_class
    learners = len(looks) + len(ROSTER_ONLY)
    started = time.monotonic()
    page_file = tmp_path / "report.html"
    CliRunner().invoke(cli, ["--db", str(db), "report", "--html", str(page_file),
                             "--course-file", str(toml)])
    port = free_port()
    env = dict(os.environ, LEARN_DB=str(db), LEARN_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "grader.cli", "dashboard", "--port",
                               str(port), "--course-file", str(toml)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              stdin=subprocess.DEVNULL)
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                problems: list[str] = []
                page.on("pageerror", lambda error: problems.append(str(error)))
                page.on("console", lambda m: problems.append(m.text)
                        if m.type == "error" else None)

                page.goto(page_file.as_uri())
                assert page.locator("#grades").bounding_box()["y"] < 800  # the first screen
                page.screenshot(path=str(tmp_path / "report-first-screen.png"))
                names = page.locator("#grid tbody th")
                assert names.count() == learners
                _no_overlaps([names.nth(i).bounding_box() for i in range(learners)])
                # Scrolled to the last step and the last learner, the header and the name
                # column stay in view (sticky) inside the scrolling box.
                box = page.locator("#grid .scroll")
                box.evaluate("b => { b.scrollLeft = b.scrollWidth; b.scrollTop = b.scrollHeight }")
                frame = box.bounding_box()
                last_step = page.locator("#grid thead th").last.bounding_box()
                assert frame["y"] <= last_step["y"] < frame["y"] + 5
                assert last_step["x"] + last_step["width"] <= frame["x"] + frame["width"] + 1
                last_name = names.last.bounding_box()
                assert frame["x"] <= last_name["x"] < frame["x"] + 5
                box.scroll_into_view_if_needed()
                page.screenshot(path=str(tmp_path / "report-grid-scrolled.png"))
                page.screenshot(path=str(tmp_path / "report-full.png"), full_page=True)

                for line in server.stdout:
                    if line.startswith("Dashboard: "):
                        break
                page.goto(f"http://127.0.0.1:{port}/-/dashboards/course", timeout=60_000)
                page.wait_for_function(
                    "() => ['grid', 'grades', 'step_pass_rate'].every(id => "
                    "document.querySelector(`#chart-${id} svg`)) && "
                    "document.querySelector('#chart-steps_passed p')", timeout=60_000)
                assert page.locator("#card-grades").bounding_box()["y"] < 800
                assert "(verified)" in page.inner_text("#card-steps_passed")
                assert not page.locator("#chart-tooltip-grid").is_visible()  # not truncated
                labels = page.locator("#chart-grid g[aria-label^='Y-axis'] text")
                assert labels.count() == learners  # roster students too
                _no_overlaps([labels.nth(i).bounding_box() for i in range(learners)])
                page.wait_for_timeout(300)
                page.screenshot(path=str(tmp_path / "dashboard-full.png"), full_page=True)
                page.locator("#card-grid").screenshot(path=str(tmp_path / "dashboard-grid.png"))
                assert problems == []
            finally:
                browser.close()
    finally:
        _stop(server)
    for shot in sorted(tmp_path.glob("*.png")):
        assert shot.stat().st_size > 10_000, shot
        _keep(shot)
    print(f"screenshots in {tmp_path}; report {page_file.stat().st_size:,} bytes; "
          f"{time.monotonic() - started:.1f} s")
