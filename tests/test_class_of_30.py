"""A scripted class of 30 through the whole instructor's path, every figure recounted from the
raw tables: hand-ins (two learners on two machines each, one with an extension, one overridden,
two with the same code) → merge → regrade → export (CSV, Canvas, Gradescope) → similar →
report → dashboard."""

import csv
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from grader.cli import cli

pytestmark = pytest.mark.slow  # some sixty checks and a regrade of every claim

RIGHT = {"ex01": "def forward(w, x):\n    return w * x\n",
         "ex02": "def cost(a, y):\n    return (a - y) ** 2\n"}
WRONG = {"ex01": "def forward(w, x):\n    return w + x\n",
         "ex02": "def cost(a, y):\n    return a - y\n"}
SHARED = ("import numpy as np\n\n\ndef forward(w, x):\n    weight = np.asarray(w, dtype=float)\n"
          "    inputs = np.asarray(x, dtype=float)\n    out = np.multiply(weight, inputs) + 0.0\n"
          "    return out if out.ndim else float(out)\n")
NAMES = [f"s{n:02d}" for n in range(30)]
TWO_MACHINES, EXTENDED, OVERRIDDEN, SAME_CODE = ("s01", "s02"), "s07", "s08", ("s04", "s05")


def plan(name: str) -> dict[str, str]:
    n = int(name[1:])
    code = {"ex01": RIGHT["ex01"] if n % 3 else WRONG["ex01"],
            "ex02": RIGHT["ex02"] if n % 2 == 0 else WRONG["ex02"]}
    if name in SAME_CODE:
        code["ex01"] = SHARED
    return code


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def test_a_class_of_30_from_handins_to_dashboard(tmp_path):
    runner = CliRunner()

    def learn(*args, env=None, ok=True):
        result = runner.invoke(cli, list(args), env=env, catch_exceptions=False)
        assert not ok or result.exit_code in (0, 1), result.output
        return result

    handins = []
    for name in NAMES:
        machines = [name, f"{name}-lab"] if name in TWO_MACHINES else [name]
        for machine in machines:
            home = tmp_path / machine
            env = {"LEARN_HOME": str(home), "LEARN_USER": name, "LEARN_DB": ""}
            learn("path", "ex01", env=env)
            code = plan(name) if machine == name else RIGHT  # the lab machine gets it right
            for step, body in code.items():
                learn("path", step, env=env)
                (home / f"{step}_{'forward' if step == 'ex01' else 'cost'}.py").write_text(body)
                learn("check", step, env=env)
            out = tmp_path / "handins" / f"handin-{machine}.db"
            out.parent.mkdir(exist_ok=True)
            learn("submit", "--out", str(out), env=env)
            handins.append(out)
    db = tmp_path / "class.db"
    merged = learn("merge", *map(str, handins), "--into", str(db))
    assert merged.exit_code == 0 and "Merged 32 of 32" in merged.output
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT count(*) FROM learners").fetchone() == (30,)  # 32 hand-ins
    roster = tmp_path / "roster.csv"
    roster.write_text("name,student_id,email\n" + "".join(
        f"{n},id-{n},{n}@uni.example\n" for n in [*NAMES, "s30"]))
    learn("--db", str(db), "roster", "import", str(roster))

    now = datetime.now(UTC)
    course = tmp_path / "course.toml"
    course.write_text(
        "[assignments.week1]\nsteps = [\"ex01\", \"ex02\"]\npoints = 10\n"
        f"due = \"{utc(now - timedelta(hours=1))}\"\nlate_penalty_per_day = 0.5\n"
        f"last = \"{utc(now + timedelta(days=10))}\"\n"
        f"extensions = {{ {EXTENDED} = \"{utc(now + timedelta(days=1))}\" }}\n")
    learn("--db", str(db), "override", "--learner", OVERRIDDEN, "--step", "ex01",
          "--score", "1", "--comment", "graded by hand")
    regraded = learn("--db", str(db), "regrade", "--course-file", str(course), "--json")
    results = json.loads(regraded.stdout)
    assert len(results) == 60  # every learner, both steps: every claim

    # The recount, from the raw tables: a verified pass earns its step's 5 points, halved
    # for a day late (all work is an hour late, but for the extension), the override 5.
    verified = {(n, s): p for n, s, p in raw.execute(
        "SELECT l.name, v.exercise_id, v.passed FROM verified v "
        "JOIN learners l ON l.id = v.learner_id")}
    expected = {}
    for name in [*NAMES, "s30"]:
        points = 0.0
        for step in ("ex01", "ex02"):
            if name == OVERRIDDEN and step == "ex01":
                points += 5.0
            elif verified.get((name, step)):
                points += 5.0 if name == EXTENDED else 2.5
        expected[name] = points
    for name in TWO_MACHINES:  # the lab machine's right ex02 verified, for the same learner
        assert verified[(name, "ex02")] == 1
    assert verified[("s03", "ex01")] == 0 and verified[("s04", "ex01")] == 1

    exported = learn("--db", str(db), "export", "--course-file", str(course), "--assignment",
                     "week1").stdout
    rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(exported))}
    assert set(rows) == {*NAMES, "s30"}
    assert {n: float(r["total"]) for n, r in rows.items()} == expected
    assert rows[OVERRIDDEN]["overrides"] == "ex01: graded by hand"
    assert rows[EXTENDED]["steps_late"] == ""
    assert rows["s00"]["steps_late"] == "ex01 (1 d); ex02 (1 d)"

    canvas = learn("--db", str(db), "export", "--format", "canvas", "--course-file",
                   str(course)).stdout
    lines = list(csv.reader(io.StringIO(canvas)))
    assert lines[1][-1] == "10.0"
    assert {line[2]: float(line[-1]) for line in lines[2:]} == {
        f"id-{n}": points for n, points in expected.items()}

    for name in ("s00", EXTENDED, OVERRIDDEN):
        document = json.loads(learn("--db", str(db), "export", "--format", "gradescope",
                                    "--learner", name, "--course-file", str(course)).stdout)
        week1 = sum(t["score"] for t in document["tests"] if t["name"][:4] in ("ex01", "ex02"))
        assert week1 == pytest.approx(expected[name])

    similar = learn("--db", str(db), "similar", "--step", "ex01").output
    assert any(line.split()[:3] == ["ex01", *SAME_CODE] for line in similar.splitlines())

    report = json.loads(learn("--db", str(db), "report", "--json").stdout)
    progress = {r["learner"]: r for r in report["Learners"]}
    recount = dict(raw.execute(
        "SELECT l.name, count(DISTINCT a.exercise_id) FROM attempts a JOIN learners l "
        "ON l.id = a.learner_id WHERE a.origin = 'local' AND a.passed = 1 GROUP BY l.name"))
    assert {n: r["steps_passed"] for n, r in progress.items() if r["steps_passed"]} == recount
    assert {n: r["steps_verified"] for n, r in progress.items()} == {
        n: sum(verified.get((n, s), 0) for s in ("ex01", "ex02")) for n in NAMES}

    from datasette_dashboards import replace_opts_in_query

    from grader import dashboard

    ds = dashboard.make_datasette(db, tmp_path / "ds", steps=["ex01", "ex02"])
    charts = ds.plugin_config("datasette-dashboards")["course"]["charts"]

    async def value(slug: str) -> float:
        response = await ds.client.get("/progress.json?" + urllib_encode(
            {"sql": replace_opts_in_query(charts[slug]["query"], {}), "_shape": "array"}))
        return float(response.json()[0]["value"])

    import asyncio

    assert asyncio.run(value("learners")) == 30
    assert asyncio.run(value("attempts")) == raw.execute(
        "SELECT count(*) FROM attempts WHERE origin = 'local'").fetchone()[0]


def urllib_encode(values: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(values)
