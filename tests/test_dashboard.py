"""`learn dashboard`: Datasette with datasette-dashboards over a class's database, read-only,
private and offline. First through Datasette's in-process client, then in headless Chromium
against the real `learn dashboard` command."""

import asyncio
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

pytest.importorskip("datasette")
pytest.importorskip("datasette_dashboards")

from grader.cli import cli  # noqa: E402
from grader.course.spec import Course  # noqa: E402
from grader.database import rollups, store  # noqa: E402
from grader.instructor import dashboard  # noqa: E402

from .conftest import fill_class  # noqa: E402

pytestmark = pytest.mark.slow  # a Datasette server and headless chromium

ADDED = "def forward(w, x):\n    return w + x\n"  # the `added` misconception
SQUARED = "def forward(w, x):\n    return w * w * x\n"  # `squared_weight`

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The picture in the docs is refreshed on purpose, never as a side effect of running the tests:
# LEARN_SCREENSHOT=docs/dashboard.png pytest tests/test_dashboard.py
SCREENSHOT = os.environ.get("LEARN_SCREENSHOT")
VEGA_PANELS = ["grid", "step_pass_rate", "misconceptions", "activity", "quiz"]
# What the class below adds up to: 3 learners; 7 checks of ex01 and 2 finished quizzes;
# ada and cy passed ex01 (bob did not, nor did anyone pass q01): 2 of 5 started steps.
METRICS = {"learners": "3", "attempts": "9", "steps_passed": "2", "pass_rate": "40%"}


def _move_back(conn: sqlite3.Connection, learner: str, days: int) -> None:
    """Move every timestamp of one learner `days` back, so the class spans several days."""
    (learner_id,) = conn.execute("SELECT id FROM learners WHERE name = ?", (learner,)).fetchone()
    for table, column in (("attempts", "created_at"), ("openings", "opened_at"),
                          ("quiz_answers", "created_at"), ("hints", "shown_at")):
        for rowid, stamp in conn.execute(f"SELECT rowid, {column} FROM {table} "
                                         "WHERE learner_id = ?", (learner_id,)).fetchall():
            moved = datetime.fromisoformat(stamp) - timedelta(days=days)
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                         (moved.isoformat(timespec="milliseconds"), rowid))


@pytest.fixture(scope="module")
def class_db(tmp_path_factory) -> Path:
    """Three learners on ex01 and the first quiz, through the real `learn` command (as in
    test_views.py), spread over three days: ada two days ago, bob yesterday, cy today."""
    db, _, _ = fill_class(tmp_path_factory.mktemp("class"))
    conn = store.connect(db)
    try:
        with store.transaction(conn):
            _move_back(conn, "ada", 2)
            _move_back(conn, "bob", 1)
            rollups.recompute(conn)
        assert len(conn.execute("SELECT * FROM activity").fetchall()) == 3
    finally:
        conn.close()
    return db


# -- in process: Datasette's own test client ---------------------------------------------------


def _datasette(db: Path, workdir: Path, **kwargs):
    steps = [e.id for e in Course.load()]
    return dashboard.make_datasette(db, workdir, steps=steps, **kwargs)


def _external_references(html: str) -> set[str]:
    found = set(re.findall(r"""(?:src|href|action)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""",
                           html, re.IGNORECASE))
    return {url for url in found if urlparse(url if ":" in url.split("//")[0] else "http:" + url)
            .hostname not in ("localhost", "127.0.0.1")}


def test_dashboard_pages_and_canned_queries(class_db, tmp_path):
    from datasette_dashboards import replace_opts_in_query

    ds = _datasette(class_db, tmp_path)

    async def run():
        page = await ds.client.get("/-/dashboards/course")
        assert page.status_code == 200
        assert "learn-backprop: course dashboard" in page.text
        for name in ("ada", "bob", "cy"):  # the learner filter's options, from the learners
            assert f'<option value="{name}"' in page.text
        assert (await ds.client.get("/-/dashboards/course?learner=bob")).status_code == 200

        stuck = await ds.client.get("/progress/who_is_stuck")
        assert stuck.status_code == 200 and "bob" in stuck.text and "added" in stuck.text
        # One rule for CSV and JSON: neither hands out tables, canned queries (learners'
        # code) or arbitrary SQL; the JSON API serves the dashboard's own chart queries only.
        for refused in ("/progress/who_is_stuck.json", "/progress/attempts.json",
                        "/progress/learner_attempts.json?learner=bob",
                        "/progress.json?" + urlencode({"sql": "SELECT code FROM attempts"}),
                        "/progress/attempts.csv"):
            response = await ds.client.get(refused)
            assert response.status_code == 403, refused
            assert "return w" not in response.text
        # the tombstones' key would let a reader test a guessed name: not served, not listed
        for table in ("forgotten", "forgotten_salt"):
            assert (await ds.client.get(f"/progress/{table}")).status_code == 403
            assert f"/progress/{table}" not in (await ds.client.get("/progress")).text
        chart = ds.plugin_config("datasette-dashboards")["course"]["charts"]["step_pass_rate"]
        served = await ds.client.get("/progress.json?" + urlencode(
            {"sql": replace_opts_in_query(chart["query"], {}), "_shape": "objects"}))
        assert served.status_code == 200 and served.json()["rows"]
        html = (await ds.client.get("/progress/learner_attempts?learner=bob")).text
        assert "return w * w * x" in html

        pages = [page.text, html]
        for path in ("/", "/progress", "/progress/attempts", "/progress/who_is_stuck",
                     "/-/dashboards", "/-/dashboards/course/step_pass_rate"):
            response = await ds.client.get(path)
            assert response.status_code == 200, path
            pages.append(response.text)
        for text in pages:
            assert _external_references(text) == set()
        assert "datasette.io" not in page.text  # the footer's link out is replaced
        assert "default-src 'self'" in page.headers["content-security-policy"]

    asyncio.run(run())


def test_every_chart_query_runs_with_and_without_the_learner_filter(class_db, tmp_path):
    from datasette_dashboards import replace_opts_in_query

    ds = _datasette(class_db, tmp_path)
    charts = ds.plugin_config("datasette-dashboards")["course"]["charts"]

    async def rows(chart: dict, options: dict) -> list[dict]:
        sql = replace_opts_in_query(chart["query"], options)
        response = await ds.client.get(
            "/progress.json?" + urlencode({"sql": sql, **options, "_shape": "objects"}))
        assert response.status_code == 200, (chart["title"], response.text)
        return response.json()["rows"]

    async def run():
        results = {}
        for slug, chart in charts.items():
            if "query" in chart:
                results[slug] = (await rows(chart, {}), await rows(chart, {"learner": "bob"}))
        every, bob = ({slug: r[i] for slug, r in results.items()} for i in (0, 1))
        assert {s: str(every[s][0]["value"]) for s in METRICS} == {
            "learners": "3", "attempts": "9", "steps_passed": "2", "pass_rate": "40"}
        assert "self-reported" in charts["steps_passed"]["title"]  # nothing verified yet
        assert {s: bob[s][0]["value"] for s in METRICS} == {
            "learners": 1, "attempts": 4, "steps_passed": 0, "pass_rate": 0}
        rates = {r["step"]: (r["learners"], r["passed"], r["stuck"], r["pass_rate"])
                 for r in every["step_pass_rate"]}
        assert rates["ex01"] == (3, 2, 1, pytest.approx(2 / 3, abs=1e-4))
        assert [r["step"] for r in bob["step_pass_rate"] if r["stuck"]] == ["ex01"]
        assert sorted((r["diagnosis"], r["attempts"]) for r in every["misconceptions"]) == [
            ("added", 4), ("squared_weight", 1)]
        assert sorted((r["diagnosis"], r["attempts"]) for r in bob["misconceptions"]) == [
            ("added", 2), ("squared_weight", 1)]
        assert [(r["attempts"], r["passes"]) for r in sorted(every["activity"],
                                                             key=lambda r: r["day"])] == [
            (4, 1), (4, 0), (1, 1)]
        assert [(r["attempts"], r["passes"]) for r in bob["activity"]] == [(4, 0)]
        assert [(r["answered"], r["correct"]) for r in bob["quiz"]] == [(1, 0)]
        cells = {(r["learner"], r["step"]): r["state"] for r in every["grid"]}
        assert cells[("ada", "ex01")] == "self-reported pass" and cells[("bob", "ex01")] == "failed"
        assert {r["learner"] for r in bob["grid"]} == {"bob"}

    asyncio.run(run())


def test_misconception_colours_never_repeat_within_a_chart():
    from grader.instructor.dashboard import distinct_colours

    colours = distinct_colours()
    assert len(set(colours)) == len(colours) == 64  # more than the course's diagnoses


def test_downloads_are_refused_and_nothing_can_be_written(class_db, tmp_path):
    ds = _datasette(class_db, tmp_path)
    before = class_db.read_bytes()

    async def run():
        assert (await ds.client.get("/progress.db")).status_code == 403
        for path in ("/progress/attempts.csv", "/progress/learner_attempts.csv?learner=bob",
                     "/progress.csv?sql=select+code+from+attempts",
                     "/progress/attempts.csv?_stream=on"):
            response = await ds.client.get(path)
            assert response.status_code == 403, path
            assert "code" not in response.text
        for sql in ("DELETE FROM learners", "WITH x AS (SELECT 1) DELETE FROM learners",
                    "UPDATE attempts SET passed = 1", "PRAGMA user_version = 7"):
            response = await ds.client.get("/progress.json?" + urlencode({"sql": sql}))
            assert response.status_code == 403, sql  # not a chart's query: refused outright
        for path in ("/progress/who_is_stuck", "/progress/learner_attempts"):
            assert (await ds.client.post(path, data={"learner": "bob"})).status_code == 405
        queries = await ds.get_canned_queries("progress", None)
        assert set(queries) == {"who_is_stuck", "learner_attempts"}
        assert not any(q.get("write") for q in queries.values())
        # A page from elsewhere cannot reach it through DNS rebinding:
        response = await ds.client.get("/-/dashboards/course",
                                       headers={"host": "rebound.example:8001"})
        assert response.status_code == 421

    asyncio.run(run())
    conn = sqlite3.connect(class_db)
    try:
        assert conn.execute("SELECT count(*) FROM learners").fetchone()[0] == 3
        assert conn.execute("SELECT sum(passed) FROM attempts").fetchone()[0] == 2
    finally:
        conn.close()
    assert class_db.read_bytes() == before


def test_the_live_database_shows_new_attempts_and_the_snapshot_does_not(class_db, tmp_path):
    live_db = tmp_path / "live.db"
    source = sqlite3.connect(class_db)
    store.backup(source, live_db)
    source.close()
    copy = dashboard.snapshot_copy(live_db, tmp_path / "copy.db")
    live = _datasette(live_db, tmp_path / "live")
    snapshot = _datasette(copy, tmp_path / "snapshot", immutable=True)
    from datasette_dashboards import replace_opts_in_query

    metric = live.plugin_config("datasette-dashboards")["course"]["charts"]["learners"]
    count = "/progress.json?" + urlencode({"sql": replace_opts_in_query(metric["query"], {}),
                                           "_shape": "array"})

    async def learners(ds) -> int:  # through the dashboard's own "Learners" metric
        return int((await ds.client.get(count)).json()[0]["value"])

    assert asyncio.run(learners(live)) == 3
    conn = store.connect(live_db)
    store.learner_id(conn, "dee", "dee")  # a write by `learn` while the dashboard runs
    conn.close()
    assert asyncio.run(learners(live)) == 4
    assert asyncio.run(learners(snapshot)) == 3
    assert (asyncio.run(snapshot.client.get("/progress.db"))).status_code == 403


def test_errors_are_one_line_learn_errors(tmp_path):
    from grader.errors import LearnError

    with pytest.raises(LearnError, match="no progress database"):
        dashboard.serve(tmp_path / "missing.db", port=free_port())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        db = tmp_path / "p.db"
        store.connect(db).close()
        with pytest.raises(LearnError, match="--port"):
            dashboard.serve(db, port=busy.getsockname()[1])
    assert dashboard.is_loopback("127.0.0.1") and dashboard.is_loopback("::1")
    assert dashboard.is_loopback("localhost") and not dashboard.is_loopback("0.0.0.0")


def test_the_command_warns_off_loopback_and_calls_the_library(class_db, monkeypatch):
    from click.testing import CliRunner

    calls = []
    monkeypatch.setattr(dashboard, "serve", lambda db, **kwargs: calls.append((db, kwargs)))
    result = CliRunner().invoke(cli, ["--db", str(class_db), "dashboard", "--host", "0.0.0.0",
                                      "--port", "8123", "--snapshot"])
    assert result.exit_code == 0, result.output
    assert "Warning: serving on 0.0.0.0" in result.output
    [(db, kwargs)] = calls
    assert db == class_db.resolve()
    assert (kwargs["port"], kwargs["host"], kwargs["snapshot"]) == (8123, "0.0.0.0", True)
    assert kwargs["steps"][0] == "ex01"
    calls.clear()
    result = CliRunner().invoke(cli, ["--db", str(class_db), "dashboard"])
    assert "Warning" not in result.output
    assert (calls[0][1]["port"], calls[0][1]["host"], calls[0][1]["snapshot"]) == (
        8001, "127.0.0.1", False)


# -- in a real browser: `learn dashboard` in a subprocess, headless Chromium -------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(process: subprocess.Popen, log: Path) -> threading.Thread:
    """Read `learn dashboard`'s output until it says it serves (its port listens by then); the
    output goes on being copied into `log` by the thread returned."""
    handle = log.open("w")

    def copy_rest() -> None:
        for rest in process.stdout:
            handle.write(rest)
            handle.flush()
        handle.close()

    for line in process.stdout:
        handle.write(line)
        handle.flush()
        if line.startswith("Dashboard: "):
            copier = threading.Thread(target=copy_rest, daemon=True)
            copier.start()
            return copier
    handle.close()
    pytest.fail(f"`learn dashboard` exited with {process.wait()}:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def test_the_dashboard_in_headless_chromium(class_db, tmp_path):
    if not Path(CHROMIUM).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    learn = Path(sys.executable).with_name("learn")
    assert learn.is_file(), f"no `learn` beside {sys.executable}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    env = dict(os.environ, LEARN_DB=str(class_db), LEARN_HOME=str(tmp_path / "home"))
    started = time.monotonic()
    server = subprocess.Popen([str(learn), "dashboard", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              stdin=subprocess.DEVNULL)
    copier = None
    try:
        copier = _wait_until_serving(server, log)
        requests: list[str] = []
        problems: list[str] = []
        with sync_api.sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
                args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000}, timeout=60_000)
            try:
                context.on("request", lambda request: requests.append(request.url))
                page = context.pages[0] if context.pages else context.new_page()
                page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
                page.on("console", lambda message: problems.append(message.text)
                        if message.type == "error" else None)
                page.goto(f"{base}/-/dashboards/course", timeout=60_000)
                page.wait_for_function(
                    "([charts, metrics]) => charts.every(id => document.querySelector("
                    "`#chart-${id} svg, #chart-${id} canvas`)) && metrics.every(id => "
                    "document.querySelector(`#chart-${id} p`))",
                    arg=[VEGA_PANELS, list(METRICS)], timeout=60_000)
                shown = {slug: page.inner_text(f"#chart-{slug} p").strip() for slug in METRICS}
                assert shown == METRICS
                assert "bob" in page.inner_text("#learner")
                page.wait_for_timeout(300)  # let the last chart settle before the picture
                shot = Path(SCREENSHOT) if SCREENSHOT else tmp_path / "dashboard.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 10_000  # a real picture, not a blank page

                page.select_option("#learner", "bob")  # the learner filter narrows every panel
                page.click("input[type=submit]")
                page.wait_for_url(re.compile(r"learner=bob"), timeout=60_000)
                page.wait_for_function(
                    "() => document.querySelector('#chart-attempts p')?.innerText === '4'",
                    timeout=60_000)
                page.wait_for_function(
                    "(charts) => charts.every(id => document.querySelector(`#chart-${id} svg`))",
                    arg=VEGA_PANELS, timeout=60_000)
            finally:
                context.close()
        assert problems == []
        assert requests, "the page made no request at all"
        elsewhere = [u for u in requests
                     if urlparse(u).scheme not in ("data", "blob", "about")
                     and urlparse(u).hostname != "127.0.0.1"]
        assert elsewhere == []
        assert any("vega-lite" in u for u in requests)  # the plugin's bundled copy, from here
    finally:
        _stop(server)
        if copier is not None:
            copier.join(timeout=20)
    assert server.returncode == 0, log.read_text()  # SIGTERM: a clean stop, temp folder removed
    assert f"Dashboard: {base}/-/dashboards/course (read-only" in log.read_text()
    print(f"browser test: {time.monotonic() - started:.1f} s")
