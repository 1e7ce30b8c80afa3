"""What is graded and what it is worth (grader/course/coursefile.py, grader/instructor/exports.py):
the graded
steps, the late-day bank, the last date, and the hostile values a hand-in can hold."""

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from grader.course import coursefile
from grader.course.spec import Course, default_exercises_dir
from grader.errors import LearnError
from grader.instructor import exports
from grader.instructor.exports import GradeRow, grade_rows


def course_file(tmp_path: Path, text: str) -> coursefile.CourseFile:
    path = tmp_path / "course.toml"
    path.write_text(text)
    return coursefile.load(path)


@pytest.fixture(scope="module")
def course() -> Course:
    return Course.load(default_exercises_dir())


def test_the_graded_steps_are_those_points_or_an_assignment_name(tmp_path, course):
    rules = course_file(tmp_path, '[points]\nex05 = 2\n[assignments.w]\nsteps = ["ex02", "q01"]\n')
    assert [e.id for e in rules.graded_steps(course)] == ["ex02", "ex05", "q01"]  # course order
    assert [e.id for e in coursefile.CourseFile().graded_steps(course)] == [e.id for e in course]


WEEKS = """
[late_days]
bank = 2
extra = { ada = 1 }
[assignments.week2]
steps = ["ex02"]
due = "2026-01-08T00:00:00+00:00"
late_penalty_per_day = 0.25
[assignments.week1]
steps = ["ex01"]
due = "2026-01-01T00:00:00+00:00"
late_penalty_per_day = 0.25
last = "2026-01-05T00:00:00+00:00"
"""


def row_of(rules, work: dict[str, list[tuple[float, str]]], name: str = "bob") -> GradeRow:
    row = GradeRow(name, "", "", {}, {}, [], [])
    exports._credit(row, work, rules)
    return row


def test_late_days_are_spent_by_due_date_before_the_penalty(tmp_path):
    rules = course_file(tmp_path, WEEKS)
    # week1 (due first) 3 days late: both bank days go there, one day's penalty remains;
    # week2 2 days late: nothing left, two days' penalty.
    row = row_of(rules, {"ex02": [(1.0, "2026-01-09T12:00:00.000+00:00")],
                         "ex01": [(1.0, "2026-01-03T12:00:00.000+00:00")]})
    assert row.late_days_used == {"week1": 2}
    assert row.scores == {"ex01": 0.75, "ex02": 0.5}
    assert row.late_days == {"ex01": 3, "ex02": 2}
    # ada's extra day covers week1 whole; week2 has none left either
    ada = row_of(rules, {"ex01": [(1.0, "2026-01-03T12:00:00.000+00:00")]}, "ada")
    assert ada.late_days_used == {"week1": 3} and ada.scores == {"ex01": 1.0}


def test_late_days_never_move_the_last_date(tmp_path):
    rules = course_file(tmp_path, WEEKS)
    row = row_of(rules, {"ex01": [(1.0, "2026-01-06T00:00:00.000+00:00"),
                                  (0.4, "2025-12-31T00:00:00.000+00:00")]})
    assert row.scores == {"ex01": 0.4}  # the on-time partial work beats the pass after the last
    assert row.late_days_used == {} and row.late == []
    gone = row_of(rules, {"ex01": [(1.0, "2026-01-06T00:00:00.000+00:00")]})
    assert gone.scores == {"ex01": 0.0} and gone.after_last == ["ex01"]
    assert exports.late_text(gone, "ex01") == "5 d, after the last date: earned 0"
    assert gone.late_days_used == {}  # no day spent on work that earns nothing


def test_a_time_that_is_not_a_time_earns_nothing_where_a_due_date_applies(tmp_path):
    rules = course_file(tmp_path, WEEKS)
    assert rules.credit("ex01", "bob", "yesterday", 1.0) == (0.0, 0)
    assert rules.credit("ex03", "bob", "yesterday", 1.0) == (1.0, 0)  # no due date: no rule


@pytest.mark.parametrize("text, message", [
    ("[late_days]\nbank = -1\n", "whole numbers"),
    ("[late_days]\nbank = 1.5\n", "whole numbers"),
    ("[late_days]\ndays = 1\n", "takes bank"),
    ('[assignments.w]\nsteps = ["ex01"]\ncanvas_id = "week one"\n', "Canvas address"),
])
def test_a_broken_course_file_is_one_line_naming_the_table(tmp_path, text, message):
    with pytest.raises(LearnError, match=message):
        course_file(tmp_path, text)


@pytest.mark.parametrize("stored, counted", [("1.0", 1.0), ("text", 0.0), (7, 1.0),
                                             (-3, 0.0), (float("nan"), 0.0), (None, 0.0)])
def test_a_self_reported_score_counts_as_a_share_from_0_to_1(stored, counted):
    assert exports.share(stored) == counted


def test_totals_are_summed_unrounded_and_rounded_once(tmp_path):
    rules = course_file(tmp_path, '[assignments.w]\nsteps = ["ex01", "ex02", "ex03"]\n'
                                  'points = 10\n')
    row = GradeRow("bob", "", "", {"ex01": 1.0, "ex02": 1.0, "ex03": 1.0}, {}, [], [])
    steps = ["ex01", "ex02", "ex03"]
    text = exports.export_csv(steps, [row], rules)
    line = next(csv.DictReader(io.StringIO(text)))
    assert [line[s] for s in steps] == ["3.3333"] * 3
    assert line["total"] == "10.0" and line["max_total"] == "10.0"  # not 9.9999


def test_canvas_names_students_last_first_and_leaves_out_only_the_unmatchable(tmp_path):
    rules = course_file(tmp_path, '[assignments.w]\nsteps = ["ex01"]\ncanvas_id = 12\n')
    rows = [GradeRow("Ada Lovelace", "", "", {"ex01": 1.0}, {}, [], [], lms={"lms_id": "7"}),
            GradeRow("grace", "g1", "", {}, {}, [], [], lms={"sortable_name": "Hopper, Grace"}),
            GradeRow("nobody", "", "n@x", {}, {}, [], [])]
    lines = list(csv.reader(io.StringIO(exports.export_canvas(["ex01"], rows, rules))))
    assert lines[0][-1] == "w (12)" and lines[1] == ["Points Possible", "", "", "", "", "1.0"]
    assert [line[:3] for line in lines[2:]] == [["Lovelace, Ada", "7", ""],
                                                ["Hopper, Grace", "", "g1"]]
    assert exports.unmatched(rows, "canvas") == ["nobody"]
    assert exports.unmatched(rows, "moodle") == ["Ada Lovelace"]


def test_a_roster_as_canvas_exports_it_is_read(tmp_path, course):
    from grader.database import store
    from grader.instructor.handins import import_roster

    conn = store.connect(tmp_path / "class.db")
    roster = tmp_path / "roster.csv"
    roster.write_text('name,Student,ID,SIS User ID,SIS Login ID,Section\n'
                      'ada,"Lovelace, Ada",101,s-1,alovelace,Lab A\n', encoding="utf-8")
    assert import_roster(conn, roster) == 1
    _, rows = grade_rows(conn, course)
    assert (rows[0].student_id, rows[0].lms) == ("s-1", {
        "lms_id": "101", "login_id": "alovelace", "section": "Lab A",
        "sortable_name": "Lovelace, Ada"})
    assert isinstance(conn, sqlite3.Connection)
