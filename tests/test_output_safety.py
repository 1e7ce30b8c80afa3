"""Issue #18: what learners control (their name, an exception message, a file in a submission)
cannot rewrite the instructor's terminal, run as a formula in a spreadsheet, or lead the
Gradescope grader, running as root, to a file outside the submission."""

import asyncio
import csv
import io
import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from grader.cli import cli
from grader.instructor import report, similarity
from grader.safe_text import csv_cell, printable
from tests.conftest import RIGHT_FORWARD, forge

# A name that, printed raw, erases its line and draws a passing verdict over it (the attack of
# issue #18), then reverses what follows.
EVIL = "mallory\r\x1b[2K✓ ada              ex01    100%\u202e"
# Code whose exception message does the same through the regrade's reason.
RAISES = "def forward(w, x):\n    raise ValueError('\\r\\x1b[32m100% passed\\x1b[0m')\n"
RAW = ("\x1b", "\r", "\u202e", "\x9b")  # none of these may reach the terminal
FORMULAS = ['=HYPERLINK("http://x","y")', "@SUM(1)"]


def learn(runner, *args):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def assert_printable(text: str) -> None:
    for raw in RAW:
        assert raw not in text, (raw, text)


def rename(handin: Path, name: str) -> None:
    conn = sqlite3.connect(handin)
    conn.execute("UPDATE learners SET name = ?", (name,))
    conn.commit()
    conn.close()


@pytest.fixture
def hostile_class(handins, tmp_path, runner) -> Path:
    """ada as usual; bob renamed to EVIL, with a claimed pass whose code raises escapes. A merge
    refuses such a name now, so it is written into the class database itself (one made before
    that check, or edited by hand): what is printed must be safe whatever the database holds."""
    forge(handins["bob"], code=RAISES, learner="bob")
    target = tmp_path / "class.db"
    assert learn(runner, "merge", *map(str, handins.values()), "--into",
                 str(target)).exit_code == 0
    rename_in(target, "bob", EVIL)
    return target


def rename_in(db: Path, old: str, new: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE learners SET name = ? WHERE name = ?", (new, old))
    conn.commit()
    conn.close()


# -- printable ---------------------------------------------------------------------------------


def test_printable_shows_control_characters_and_bidi_overrides_as_escapes():
    assert printable("a\x1b[31mb\rc") == "a\\x1b[31mb\\rc"
    assert printable("\u202eevil\u2066\u2069\u200f") == "\\u202eevil\\u2066\\u2069\\u200f"
    assert printable("\x00\x7f\x9b\x85") == "\\x00\\x7f\\x9b\\x85"
    assert printable("tab\there\nline") == "tab\\there\\nline"  # a name keeps nothing
    assert printable("tab\there\nline\r", keep="\n\t") == "tab\there\nline\\r"
    assert printable("Zoë Ünal ✓ 李") == "Zoë Ünal ✓ 李"  # ordinary text is untouched


# -- the terminal ------------------------------------------------------------------------------


def test_regrade_progress_lines_escape_the_learners_name_and_error(hostile_class, runner):
    result = learn(runner, "--db", str(hostile_class), "regrade")
    assert_printable(result.output)
    line = next(x for x in result.output.splitlines() if "mallory" in x)
    assert line.startswith("✗ mallory\\r\\x1b[2K")  # the real verdict is what shows
    assert "0%" in line and "\\x1b[32m100% passed" in line
    assert "\\u202e" in line


def test_report_text_escapes_names_everywhere(hostile_class, runner):
    for args in ([], ["--step", "ex01"], ["--learner", EVIL]):
        result = learn(runner, "--db", str(hostile_class), "report", *args)
        assert result.exit_code == 0
        assert_printable(result.output)
        assert "mallory\\r\\x1b[2K" in result.output


def test_an_error_naming_a_learner_is_escaped(hostile_class, runner):
    result = learn(runner, "--db", str(hostile_class), "report", "--learner", EVIL + "x")
    assert result.exit_code != 0
    assert "no learner called 'mallory\\r\\x1b" in result.stderr
    assert_printable(result.stderr)


def test_merge_messages_escape_the_names_in_a_refused_handin(handins, tmp_path, runner):
    rename(handins["bob"], EVIL)
    named_for_ada = tmp_path / "handin-ada.db"  # bob's file, named for ada: refused
    named_for_ada.write_bytes(handins["bob"].read_bytes())
    result = learn(runner, "merge", str(named_for_ada), "--into", str(tmp_path / "c.db"),
                   "--names-from-files")
    assert result.exit_code == 1
    assert "Refused:" in result.stderr and "mallory\\r\\x1b" in result.stderr
    assert_printable(result.stderr)


def test_export_warnings_escape_the_names_left_out(hostile_class, runner):
    result = learn(runner, "--db", str(hostile_class), "export", "--format", "canvas")
    assert "Left out" in result.stderr and "mallory\\r\\x1b" in result.stderr
    assert_printable(result.stderr)


def test_similar_text_escapes_names():
    pair = similarity.Pair("ex01", EVIL, "ada", 0.9, 40, "", "", [], [])
    text = similarity.as_text([pair])
    assert_printable(text)
    assert "mallory\\r\\x1b[2K" in text


# -- HTML pages --------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


def test_html_pages_escape_a_script_in_a_name(handins, tmp_path, runner):
    rename(handins["bob"], SCRIPT)
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    page = tmp_path / "report.html"
    assert learn(runner, "--db", str(target), "report", "--html", str(page)).exit_code == 0
    text = page.read_text()
    assert SCRIPT not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    pair = similarity.Pair("ex01", SCRIPT, "ada", 0.9, 40, "x = '</pre><script>'", "", [],
                           [])
    text = similarity.as_html([pair])
    assert "<script>" not in text and "&lt;script&gt;alert(1)" in text


@pytest.mark.slow  # Datasette's pages
def test_the_dashboard_escapes_a_script_in_a_name(handins, tmp_path, runner):
    pytest.importorskip("datasette")
    pytest.importorskip("datasette_dashboards")
    from grader.course.spec import Course
    from grader.instructor import dashboard

    rename(handins["bob"], SCRIPT)
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    ds = dashboard.make_datasette(target, tmp_path / "work",
                                  steps=[e.id for e in Course.load()])

    async def pages() -> list[str]:
        from urllib.parse import urlencode

        paths = ["/-/dashboards/course", "/progress/who_is_stuck", "/progress/learners",
                 "/progress/learner_attempts?" + urlencode({"learner": SCRIPT})]
        texts = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, path
            texts.append(response.text)
        return texts

    texts = asyncio.run(pages())
    for text in texts:
        assert SCRIPT not in text
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in texts)


# -- spreadsheets ------------------------------------------------------------------------------


def test_csv_cell_quotes_formulas_and_keeps_numbers():
    assert csv_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    for text in ("@SUM(1)", "+1+cmd", "-2+3", "=1"):
        assert str(csv_cell(text)).startswith("'"), text
    # Control characters are escaped first: a tab or CR no longer leads the cell.
    assert csv_cell("\r=1") == "\\r=1" and csv_cell("\t=1") == "\\t=1"
    assert csv_cell(-1.5) == -1.5 and csv_cell(3) == 3
    assert csv_cell("-1.5") == "-1.5" and csv_cell("+44") == "+44"  # numbers are not code
    assert csv_cell("ada") == "ada" and csv_cell("") == ""


def formula_class(handins, tmp_path, runner) -> Path:
    """Two learners named as formulas, on the roster with ids and emails that are too."""
    rename(handins["ada"], FORMULAS[0])
    rename(handins["bob"], FORMULAS[1])
    target = tmp_path / "class.db"
    learn(runner, "merge", *map(str, handins.values()), "--into", str(target))
    roster = tmp_path / "roster.csv"
    with roster.open("w", newline="") as handle:
        csv.writer(handle).writerows([["name", "student_id", "email"],
                                      [FORMULAS[0], "-1+1", "=x@example.org"],
                                      [FORMULAS[1], "s2", "@b"]])
    assert learn(runner, "--db", str(target), "roster", "import", str(roster)).exit_code == 0
    return target


def check_cells(rows: list[dict], text_columns: list[str], number_columns: list[str]) -> None:
    for row in rows:
        for column in text_columns:
            value = row[column]
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
        for column in number_columns:
            float(row[column])  # still a number


def test_every_csv_export_neutralises_formulas(handins, tmp_path, runner):
    db = formula_class(handins, tmp_path, runner)
    text = learn(runner, "--db", str(db), "export", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["learner"] for r in rows) == ["'" + f for f in sorted(FORMULAS)]
    assert {r["student_id"] for r in rows} == {"'-1+1", "s2"}
    assert {r["email"] for r in rows} == {"'=x@example.org", "'@b"}
    check_cells(rows, ["learner", "student_id", "email"], ["ex01", "total", "max_total"])
    assert {float(r["ex01"]) for r in rows} == {0.0, 1.0}

    text = learn(runner, "--db", str(db), "export", "--format", "canvas").stdout
    rows = list(csv.DictReader(io.StringIO(text)))[1:]  # after "Points Possible"
    assert sorted(r["Student"] for r in rows) == ["'" + f for f in sorted(FORMULAS)]
    check_cells(rows, ["Student", "SIS User ID", "SIS Login ID"], ["learn-backprop"])

    text = learn(runner, "--db", str(db), "export", "--format", "moodle").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["Full name"] for r in rows) == ["'" + f for f in sorted(FORMULAS)]
    check_cells(rows, ["ID number", "Email address", "Full name"], ["learn-backprop"])

    text = learn(runner, "--db", str(db), "report", "--step", "ex01", "--csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    check_cells(rows, ["exercise_id"], ["learners", "pass_rate"])


def test_report_csv_neutralises_formulas_in_every_text_cell():
    table = ("t", ["learner", "score", "note"],
             [[FORMULAS[0], -1.5, "@x"], ["ada", 0.25, "-1"]])
    rows = list(csv.reader(io.StringIO(report.as_csv([table]))))
    assert rows[1] == ["'" + FORMULAS[0], "-1.5", "'@x"]
    assert rows[2] == ["ada", "0.25", "-1"]
    assert float(rows[1][1]) == -1.5


# -- Gradescope: links, FIFOs and folders in a submission ----------------------------------------

SECRET_MARK = "TOPSECRET-0b5e"
# What a root-only file might hold: were it graded or handed to a step, its text would show.
SECRET_CODE = (f"SECRET = {SECRET_MARK!r}\n" + RIGHT_FORWARD
               + "def cost(a, y):\n    return 0.5 * (a - y) ** 2\n")
# ex02's own file: it imports the learner's ex01 and reports whatever ex01 holds.
LEAKS = ("def cost(a, y):\n    import ex01_forward\n"
         "    raise ValueError(getattr(ex01_forward, 'SECRET', 'no secret'))\n")


def test_gradescope_reads_no_link_fifo_or_folder_in_a_submission(tmp_path, runner, home):
    secret = tmp_path / "root-only.py"
    secret.write_text(SECRET_CODE)
    secret.chmod(0o600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "ex05_update.py").write_text(SECRET_CODE)
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "ex01_forward.py").symlink_to(secret)  # an earlier step, as a link
    (submission / "ex02_cost.py").write_text(LEAKS)
    os.mkfifo(submission / "ex03_cost_derivative.py")  # nobody ever writes to it
    (submission / "ex04_weight_gradient.py").mkdir()
    (submission / "sub").symlink_to(elsewhere, target_is_directory=True)  # a folder, a link
    results = tmp_path / "results" / "results.json"
    course = tmp_path / "course.toml"
    course.write_text("[points]\nex01 = 1\nex02 = 1\nex03 = 1\nex04 = 1\nex05 = 1\n")

    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(learn(
        runner, "grade", "--gradescope", "--submission", str(submission), "--results",
        str(results), "--course-file", str(course))), daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "grading hung (the FIFO was opened for reading?)"
    assert outcome[0].exit_code == 0, outcome[0].output

    text = results.read_text()
    assert SECRET_MARK not in text
    document = json.loads(text)
    tests = {t["name"].split(" ")[0]: t for t in document["tests"]}
    assert document["score"] == 0.0
    assert all(t["score"] == 0 and t["status"] == "failed" for t in tests.values())
    assert "ex01_forward.py in the submission is a link, not a regular file" in \
        tests["ex01"]["output"]
    assert "missing" in tests["ex01"]["output"]
    assert "no secret" in tests["ex02"]["output"]  # graded, and ex01 reached it empty
    assert "is a FIFO, not a regular file" in tests["ex03"]["output"]
    assert "is a folder, not a regular file" in tests["ex04"]["output"]
    assert tests["ex05"]["output"].startswith("No file ex05_update.py")  # not behind the link


def test_gradescope_refuses_a_file_below_a_folder_that_is_a_link(tmp_path):
    from grader.instructor.gradescope import open_submission, read_in

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "ex01_forward.py").write_text(SECRET_CODE)
    submission = tmp_path / "submission"
    (submission / "real").mkdir(parents=True)
    (submission / "real" / "ex01_forward.py").write_text(RIGHT_FORWARD)
    (submission / "linked").symlink_to(elsewhere, target_is_directory=True)
    root = open_submission(submission)
    try:
        assert read_in(root, ("real", "ex01_forward.py")) == (RIGHT_FORWARD.encode(), None)
        source, why = read_in(root, ("linked", "ex01_forward.py"))
        assert source is None and "folder that is a link" in why
    finally:
        os.close(root)
