"""`learn feedback`: a page per learner from the verified results, each failed step worded as
`learn check` words it, safe whatever names the hand-ins carried."""

import json
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from grader.cli import cli
from grader.instructor.feedback import INDEX, page_name

# Names a hand-in can carry (a class database made before merges refused some, or edited by
# hand); an absolute one is added in the test, into tmp_path, where a stray write is caught.
HOSTILE = ["../../x", "<script>alert(1)</script>", "evil\u202egnp.exe", "..", "a\\b\x1b[2K"]
NOT_VERIFIED_WORDS = "Not verified yet: nothing of yours has been regraded"


def learn(runner, *args):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def merged(handins, tmp_path, runner) -> Path:
    """ada fails ex01 then passes it, bob fails it (the `added` slip): merged, not regraded."""
    target = tmp_path / "class.db"
    assert learn(runner, "merge", *map(str, handins.values()), "--into",
                 str(target)).exit_code == 0
    return target


@pytest.fixture
def regraded(handins, tmp_path, runner) -> Path:
    target = merged(handins, tmp_path, runner)
    assert learn(runner, "--db", str(target), "regrade").exit_code == 0
    return target


def pages(runner, db: Path, out: Path, *args) -> dict[str, str]:
    result = learn(runner, "--db", str(db), "feedback", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


def test_one_page_per_learner_and_an_index_linking_them(regraded, tmp_path, runner):
    written = pages(runner, regraded, tmp_path / "out")
    assert set(written) == {page_name("ada"), page_name("bob"), INDEX}
    for name in ("ada", "bob"):
        assert f"href='{page_name(name)}'" in written[INDEX]
    assert "<script" not in "".join(written.values())


def test_a_failed_verified_step_shows_its_failing_case_and_slip(regraded, tmp_path, runner):
    case, slip, message = sqlite3.connect(regraded).execute(
        "SELECT a.failing_case, a.diagnosis, a.diagnosis_message FROM verified v "
        "JOIN attempts a ON a.id = v.attempt_id JOIN learners l ON l.id = v.learner_id "
        "WHERE l.name = 'bob' AND a.origin = 'regrade'").fetchone()
    case = json.loads(case)
    bob = pages(runner, regraded, tmp_path / "out")[page_name("bob")]
    assert "✗ failed</span> (verified)" in bob
    assert f"Looks like a known slip ({slip})" in bob and slip == "added"
    assert message in bob
    assert f"First failing case (#{case['index'] + 1})" in bob
    assert f"expected  {case['expected']}" in bob and f"got       {case['got']}" in bob
    assert "Not verified yet" not in bob
    ada = pages(runner, regraded, tmp_path / "again")[page_name("ada")]
    assert "✓ passed</span> (verified)" in ada and "What went wrong" not in ada


def test_hostile_names_stay_in_the_folder_and_out_of_the_markup(regraded, tmp_path, runner):
    names = [*HOSTILE, str(tmp_path / "absolute")]
    conn = sqlite3.connect(regraded)
    conn.executemany("INSERT INTO learners (id, name, os_user, created_at) VALUES (?, ?, 'x', "
                     "'2026-01-01')", [(uuid.uuid4().hex, name) for name in names])
    conn.commit()
    conn.close()
    before = {p for p in tmp_path.rglob("*")}
    out = tmp_path / "deep" / "out"
    written = pages(runner, regraded, out)
    assert len(written) == 2 + len(names) + 1  # ada, bob, the hostile names, the index
    assert {p for p in tmp_path.rglob("*")} - before == {tmp_path / "deep", out} | {
        out / name for name in written}
    text = "".join(written.values())
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\u202e" not in text and "evil\\u202egnp.exe" in text
    assert "\x1b" not in text
    page = written[page_name("../../x")]
    assert "Feedback for ../../x" in page and NOT_VERIFIED_WORDS in page



def test_before_any_regrade_pages_show_self_reported_results(handins, tmp_path, runner):
    written = pages(runner, merged(handins, tmp_path, runner), tmp_path / "out")
    bob = written[page_name("bob")]
    assert NOT_VERIFIED_WORDS in bob and "(self-reported)" in bob
    assert "Looks like a known slip (added)" in bob and "First failing case (#" in bob
    assert "Nothing was verified yet" in written[INDEX]


def test_a_learner_left_out_of_the_regrade_is_not_verified_yet(handins, tmp_path, runner):
    target = merged(handins, tmp_path, runner)
    assert learn(runner, "--db", str(target), "regrade", "--learner", "ada").exit_code == 0
    written = pages(runner, target, tmp_path / "out")
    assert NOT_VERIFIED_WORDS not in written[page_name("ada")]
    bob = written[page_name("bob")]
    assert NOT_VERIFIED_WORDS in bob and "not verified: not counted" in bob


def test_a_self_reported_row_of_any_shape_still_makes_a_page(handins, tmp_path, runner):
    conn = sqlite3.connect(handins["bob"])  # what bob can write into his own hand-in
    conn.execute("UPDATE attempts SET score = 'all of it', failing_case = '{\"index\": \"x\"}', "
                 "diagnosis = '<b>x</b>'")
    conn.commit()
    conn.close()
    target = merged(handins, tmp_path, runner)
    assert learn(runner, "--db", str(target), "regrade", "--learner", "ada").exit_code == 0
    bob = pages(runner, target, tmp_path / "out")[page_name("bob")]
    assert "(self-reported)" in bob and "not verified: not counted" in bob
    assert "Looks like a known slip (&lt;b&gt;x&lt;/b&gt;)" in bob
    assert "failing case" not in bob  # not one: left out


def test_points_late_days_and_override_reason_from_the_course_file(regraded, tmp_path,
                                                                     runner):
    due = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
    course = tmp_path / "course.toml"
    course.write_text(f'[assignments.week1]\nsteps = ["ex01"]\npoints = 10\ndue = "{due}"\n'
                      "late_penalty_per_day = 0.1\n[late_days]\nextra = { bob = 2 }\n")
    learn(runner, "--db", str(regraded), "override", "--learner", "bob", "--step", "ex01",
          "--score", "0.5", "--comment", "fixed <b>in</b> office hours")
    written = pages(runner, regraded, tmp_path / "out", "--course-file", str(course))
    ada, bob = written[page_name("ada")], written[page_name("bob")]
    assert "<td>week1</td><td>9 of 10</td>" in ada and "late: 1 d" in ada
    assert "Late days" not in ada and "Late days: 0 used of 2." in bob  # bob's work was on time
    assert "<td>week1</td><td>5 of 10</td>" in bob
    assert "score set by the instructor: fixed &lt;b&gt;in&lt;/b&gt; office hours" in bob


def test_one_learner_writes_only_their_page(regraded, tmp_path, runner):
    assert set(pages(runner, regraded, tmp_path / "out", "--learner", "bob")) == {
        page_name("bob")}


def one_line_error(result, words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert words in result.output and "Traceback" not in result.output


def test_a_file_given_as_the_folder_is_a_one_line_error(regraded, tmp_path, runner):
    out = tmp_path / "out.html"
    out.write_text("not a folder")
    result = runner.invoke(cli, ["--db", str(regraded), "feedback", "--out", str(out)])
    one_line_error(result, "is a file, not a folder")
    assert out.read_text() == "not a folder"


def test_an_unknown_learner_is_a_one_line_error(regraded, tmp_path, runner):
    result = runner.invoke(cli, ["--db", str(regraded), "feedback", "--out",
                                 str(tmp_path / "out"), "--learner", "zed\u202e"])
    one_line_error(result, "no learner called 'zed\\u202e'")
