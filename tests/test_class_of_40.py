"""A scripted class of 40 through the whole instructor's path, every figure recounted from the
raw tables by rules written out here: hand-ins (two learners on two machines each, one with an
extension, one with an extra late day, one overridden, two with the same code, one forged
database, a late pass after an on-time fail, work after the last date, an ungraded step, a
roster-only student) → merge → regrade → export (CSV, JSON, Canvas read back by Canvas's import
rules, Moodle, Gradescope) → similar → report → dashboard, with `[points]` and the assignment
grading a subset of the steps."""

import csv
import io
import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from grader.cli import cli
from tests.conftest import forge

pytestmark = pytest.mark.slow  # some hundred checks and a regrade of every claim

RIGHT = {"ex01": "def forward(w, x):\n    return w * x\n",
         "ex02": "def cost(a, y):\n    return (a - y) ** 2\n",
         "ex03": "def cost_derivative(a, y):\n    return 2 * (a - y)\n"}
WRONG = {"ex01": "def forward(w, x):\n    return w + x\n",
         "ex02": "def cost(a, y):\n    return a - y\n"}
FILES = {"ex01": "ex01_forward.py", "ex02": "ex02_cost.py", "ex03": "ex03_cost_derivative.py"}
SHARED = ("import numpy as np\n\n\ndef forward(w, x):\n    weight = np.asarray(w, dtype=float)\n"
          "    inputs = np.asarray(x, dtype=float)\n    out = np.multiply(weight, inputs) + 0.0\n"
          "    return out if out.ndim else float(out)\n")
NAMES = [f"s{n:02d}" for n in range(40)]
ROSTER_ONLY = "s40"
TWO_MACHINES, EXTENDED, OVERRIDDEN, SAME_CODE = ("s01", "s02"), "s07", "s08", ("s04", "s05")
EXTRA_DAY, LATE_PASS, AFTER_LAST, FORGED = "s16", "s10", "s11", "s13"
UNGRADED = ("s14", "s15")  # also did ex03, which course.toml does not grade
WORTH = {"ex01": 7.5, "ex02": 2.5}  # week1's 10 points shared 3 : 1 by [points]


def plan(name: str) -> dict[str, str]:
    n = int(name[1:])
    code = {"ex01": RIGHT["ex01"] if n % 3 else WRONG["ex01"],
            "ex02": RIGHT["ex02"] if n % 2 == 0 else WRONG["ex02"]}
    if name in SAME_CODE:
        code["ex01"] = SHARED
    if name in UNGRADED:
        code["ex03"] = RIGHT["ex03"]
    return code


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def read_as_canvas(text: str) -> tuple[dict[str, tuple[str, float]], dict[str, dict]]:
    """The file read back by the rules of Canvas's gradebook import: a header row; the
    student columns Student, ID, SIS User ID, SIS Login ID, Section (and Integration ID);
    every other column an assignment, `Title (id)` matched by id; an optional "Points
    Possible" row; each student matched by ID, SIS User ID or SIS Login ID; each score a
    number (or empty). Returns the assignments (id -> (title, points possible)) and the
    students (the key they match by -> their row)."""
    lines = list(csv.reader(io.StringIO(text)))
    header, body = lines[0], lines[1:]
    student_columns = {"Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "Integration ID"}
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"], header
    assignments = {}
    possible_row = body[0] if body and body[0][0].strip() == "Points Possible" else None
    for index, title in enumerate(header):
        if title in student_columns:
            continue
        found = re.fullmatch(r"(.*) \((\d+)\)", title)
        assert found, f"{title!r} would become a new assignment in Canvas"
        points = float(possible_row[index]) if possible_row else None
        assignments[found[2]] = (found[1], points, index)
    students = {}
    for line in body[1:] if possible_row else body:
        row = dict(zip(header, line, strict=True))
        key = row["ID"] or row["SIS User ID"] or row["SIS Login ID"]
        assert key, f"Canvas cannot match {row['Student']!r}"
        assert key not in students, f"two rows for {key}"
        for _, (_, points, index) in assignments.items():
            score = float(line[index])
            assert 0 <= score <= points
        students[key] = row
    return {k: (t, p) for k, (t, p, _) in assignments.items()}, students


def test_a_class_of_40_from_handins_to_dashboard(tmp_path):
    runner = CliRunner()

    def learn(*args, env=None, ok=True):
        result = runner.invoke(cli, list(args), env=env, catch_exceptions=False)
        assert not ok or result.exit_code in (0, 1), result.output
        return result

    start = datetime.now(UTC)
    handins = []
    for name in NAMES:
        machines = [name, f"{name}-lab"] if name in TWO_MACHINES else [name]
        for machine in machines:
            home = tmp_path / machine
            env = {"LEARN_HOME": str(home), "LEARN_USER": name, "LEARN_DB": ""}
            learn("path", "ex01", env=env)
            code = plan(name) if machine == name else RIGHT  # the lab machine gets it right
            if name == LATE_PASS and machine == name:
                code = {"ex02": WRONG["ex02"], **code}  # fails first, then passes
            for step, body in code.items():
                learn("path", step, env=env)
                (home / FILES[step]).write_text(body)
                learn("check", step, env=env)
                if name == LATE_PASS and step == "ex02" and body == WRONG["ex02"]:
                    learn("path", step, env=env)
                    (home / FILES[step]).write_text(RIGHT["ex02"])
                    learn("check", step, env=env)
            out = tmp_path / "handins" / f"handin-{machine}.db"
            out.parent.mkdir(exist_ok=True)
            learn("submit", "--out", str(out), env=env)
            handins.append(out)
    # What a learner can do to their own file: the clock of the work. Everyone's work moves
    # two days back, so the last date can be in the past; the late pass's failure a day more.
    for path in handins:
        learner = path.stem.removeprefix("handin-").removesuffix("-lab")
        conn = sqlite3.connect(path)
        if learner != AFTER_LAST:
            conn.execute("UPDATE attempts SET created_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', "
                         "created_at, '-2 days')")
        if learner == LATE_PASS:
            conn.execute("UPDATE attempts SET created_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', "
                         "created_at, '-1 days') WHERE exercise_id = 'ex02' AND passed = 0")
        conn.commit()
        conn.close()
    forge(tmp_path / "handins" / f"handin-{FORGED}.db", "ex02", WRONG["ex02"], learner=FORGED,
          created_at=utc(start - timedelta(days=2)))
    db = tmp_path / "class.db"
    merged = learn("merge", *map(str, handins), "--into", str(db))
    assert merged.exit_code == 0 and "Merged 42 of 42" in merged.output
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT count(*) FROM learners").fetchone() == (40,)  # 42 hand-ins
    roster = tmp_path / "roster.csv"
    # As Excel writes it: a byte-order mark, semicolons; Canvas's ids, logins, sections.
    header = "\ufeffname;student_id;email;lms_id;login_id;section;sortable_name\n"
    roster.write_text(header + "".join(
        f"{n};{'' if n == 's20' else f'id-{n}'};{n}@uni.example;{1000 + i};login-{n};"
        f"{'A' if i % 2 else 'B'};Student {n}, Test\n"
        for i, n in enumerate([*NAMES, ROSTER_ONLY])), encoding="utf-8")
    learn("--db", str(db), "roster", "import", str(roster))

    due, last = start - timedelta(days=2, hours=1), start - timedelta(days=1)
    course = tmp_path / "course.toml"
    course.write_text(
        "[points]\nex01 = 3\nex02 = 1\n\n"
        "[late_days]\nbank = 0\n"
        f"extra = {{ {EXTRA_DAY} = 1 }}\n\n"
        "[assignments.week1]\nsteps = [\"ex01\", \"ex02\"]\npoints = 10\ncanvas_id = 4711\n"
        f"due = \"{utc(due)}\"\nlate_penalty_per_day = 0.5\n"
        f"last = \"{utc(last)}\"\n"
        f"extensions = {{ {EXTENDED} = \"{utc(due + timedelta(days=1))}\" }}\n")
    learn("--db", str(db), "override", "--learner", OVERRIDDEN, "--step", "ex01",
          "--score", "1", "--comment", "graded by hand")
    regraded = learn("--db", str(db), "regrade", "--course-file", str(course), "--json")
    results = json.loads(regraded.stdout)
    graded_claims = raw.execute(
        "SELECT count(DISTINCT learner_id || exercise_id) FROM attempts").fetchone()[0]
    assert len(results) == graded_claims  # every claim, ex03 too
    forged = {r["learner"] for r in results if r["claimed"] and not r["passed"]}
    assert forged == {FORGED}  # the late pass verified, not listed beside the forgery

    # The recount, from the raw tables by the rules as course.toml states them: a verified
    # pass earns its step's points, halved per day late (one day: all work is an hour
    # late) but for the extension and the extra late day; work after the last date, nothing.
    verified = {(n, s): (p, when) for n, s, p, when in raw.execute(
        "SELECT l.name, v.exercise_id, v.passed, v.submitted_at FROM verified v "
        "JOIN learners l ON l.id = v.learner_id")}

    def points(name: str, step: str) -> float:
        if name == OVERRIDDEN and step == "ex01":
            return WORTH[step]
        passed, when = verified.get((name, step), (0, None))
        if not passed:
            return 0.0
        shift = timedelta(days=1) if name == EXTENDED else timedelta(0)
        if moment(when) > last + shift:
            return 0.0
        late = moment(when) > due + shift and name != EXTRA_DAY
        return WORTH[step] * (0.5 if late else 1.0)

    expected = {n: sum(points(n, s) for s in WORTH) for n in [*NAMES, ROSTER_ONLY]}
    for name in TWO_MACHINES:  # the lab machine's right ex02 verified, for the same learner
        assert verified[(name, "ex02")][0] == 1
    assert verified[("s03", "ex01")][0] == 0 and verified[("s04", "ex01")][0] == 1
    assert verified[(LATE_PASS, "ex02")][0] == 1 and points(LATE_PASS, "ex02") == 1.25
    assert expected[AFTER_LAST] == 0 and expected[EXTRA_DAY] == 10 and expected[EXTENDED] > 0

    # CSV: the graded steps only, totals from unrounded points.
    exported = learn("--db", str(db), "export", "--course-file", str(course)).stdout
    rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(exported))}
    assert set(rows) == {*NAMES, ROSTER_ONLY}
    assert [c for c in next(iter(rows.values())) if re.fullmatch(r"(ex|q)\d\d", c)] == [
        "ex01", "ex02"]
    assert {n: float(r["total"]) for n, r in rows.items()} == expected
    assert {float(r["max_total"]) for r in rows.values()} == {10.0}
    assert rows[OVERRIDDEN]["overrides"] == "ex01: graded by hand"
    assert rows[EXTENDED]["steps_late"] == ""
    assert rows["s00"]["steps_late"] == "ex01 (1 d); ex02 (1 d)"
    assert rows[EXTRA_DAY]["late_days_used"] == "1"
    assert "after the last date: earned 0" in rows[AFTER_LAST]["steps_late"]
    assert rows[FORGED]["ex02"] == "0.0"
    assert json.loads(learn("--db", str(db), "export", "--format", "json", "--course-file",
                            str(course)).stdout)[0]["max_total"] == 10

    # Canvas, read back by its import rules; Moodle by its identifying columns.
    canvas = learn("--db", str(db), "export", "--format", "canvas", "--course-file",
                   str(course)).stdout
    assignments, students = read_as_canvas(canvas)
    assert assignments == {"4711": ("week1", 10.0)}
    assert {key: float(r["week1 (4711)"]) for key, r in students.items()} == {
        str(1000 + i): expected[n] for i, n in enumerate([*NAMES, ROSTER_ONLY])}
    s20 = students[str(1000 + NAMES.index("s20"))]  # no SIS id: matched by Canvas's own id
    assert (s20["Student"], s20["SIS Login ID"], s20["Section"]) == (
        "Student s20, Test", "login-s20", "B")
    moodle = list(csv.DictReader(io.StringIO(learn(
        "--db", str(db), "export", "--format", "moodle", "--course-file", str(course)).stdout)))
    assert {r["Email address"]: float(r["week1 (4711)"]) for r in moodle} == {
        f"{n}@uni.example": points for n, points in expected.items()}

    for name in ("s00", EXTENDED, OVERRIDDEN, LATE_PASS, AFTER_LAST):
        document = json.loads(learn("--db", str(db), "export", "--format", "gradescope",
                                    "--learner", name, "--course-file", str(course)).stdout)
        assert [t["name"][:4] for t in document["tests"]] == ["ex01", "ex02"]
        assert all(t["score"] <= t["max_score"] for t in document["tests"])
        assert document["max_score"] == 10
        assert document["score"] == pytest.approx(expected[name])

    similar = learn("--db", str(db), "similar", "--step", "ex01").output
    assert any(line.split()[:3] == ["ex01", *SAME_CODE] for line in similar.splitlines())

    # The report's grades view: the same points, roster-only learner included.
    with_grades = json.loads(learn("--db", str(db), "report", "--json", "--course-file",
                                   str(course)).stdout)
    assert {r["learner"]: r["week1 points"] for r in with_grades["Grades per assignment"]} == {
        n: round(points, 2) for n, points in expected.items()}
    report = json.loads(learn("--db", str(db), "report", "--json").stdout)
    progress = {r["learner"]: r for r in report["Learners"]}
    recount = dict(raw.execute(
        "SELECT l.name, count(DISTINCT a.exercise_id) FROM attempts a JOIN learners l "
        "ON l.id = a.learner_id WHERE a.origin = 'local' AND a.passed = 1 GROUP BY l.name"))
    assert {n: r["steps_passed"] for n, r in progress.items() if r["steps_passed"]} == recount
    assert {n: r["steps_verified"] for n, r in progress.items()} == {
        n: sum(verified.get((n, s), (0,))[0] for s in ("ex01", "ex02", "ex03")) for n in NAMES}

    from datasette_dashboards import replace_opts_in_query

    from grader.instructor import dashboard

    ds = dashboard.make_datasette(db, tmp_path / "ds", steps=["ex01", "ex02"])
    charts = ds.plugin_config("datasette-dashboards")["course"]["charts"]

    async def value(slug: str) -> float:
        response = await ds.client.get("/progress.json?" + urllib_encode(
            {"sql": replace_opts_in_query(charts[slug]["query"], {}), "_shape": "array"}))
        return float(response.json()[0]["value"])

    import asyncio

    assert asyncio.run(value("learners")) == 40
    # The dashboard's grades, from the same rows the exports write, over a snapshot.
    from grader.instructor import report as reports
    from grader.instructor.classroom import Classroom

    snapshot = tmp_path / "snapshot.db"
    dashboard.snapshot_copy(db, snapshot)
    classroom = Classroom(db=db, home=tmp_path / "instructor")
    rules, _, grade_rows = classroom.grades(course_file=course)
    dashboard.write_grades(snapshot, reports.grade_records(rules, grade_rows))
    graded = dict(sqlite3.connect(snapshot).execute("SELECT learner, points FROM grades"))
    assert graded == {n: round(points, 2) for n, points in expected.items()}
    assert asyncio.run(value("attempts")) == raw.execute(
        "SELECT count(*) FROM attempts WHERE origin = 'local'").fetchone()[0]


def urllib_encode(values: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(values)
