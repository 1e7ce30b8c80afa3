"""`learn review` without grading a file (tests/test_review_schedule.py grades them): which items
a learner's history offers and when, what each asks, the ratings, the run's size and order,
that review answers count toward nothing, review_stats, the [review] declarations, LEARN_NOW."""

import dataclasses
import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta

import pytest

from grader import clock
from grader.cli import cli
from grader.course.review_map import Ask, check_declarations
from grader.course.spec import Course, Exercise
from grader.database import review_store, rollups, store
from grader.grading.quiz import draw_questions, slip_answers
from grader.learner import review
from grader.learner.api import Session
from grader.presenting.review import after
from tests.review_simulation import START

pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture
def day(monkeypatch):
    """day(n): the learner's clock (LEARN_NOW) at 09:00 on day n of the course."""

    def set_day(number: float) -> None:
        monkeypatch.setenv("LEARN_NOW", (START + timedelta(days=number)).isoformat())

    return set_day


def take_q01(answers: dict[int, str], seed: int = 4) -> None:
    """q01 answered: each question rightly, or as `answers` says (a slip's name, or a text)."""
    session = Session()
    run = session.quiz("q01", seed=seed)
    for number, question in enumerate(run.questions, 1):
        how = answers.get(number, "right")
        slips = {name: text for text, name in slip_answers(question)}
        text = question.right_answer() if how == "right" else slips.get(how, how)
        assert run.answer(number, text).valid
    run.finish()
    session.close()


def record_check(step: str, passed: bool, slip: str | None = None) -> None:
    """A check of `step` as `learn check` records it (without grading a file)."""
    session = Session()
    exercise = session.course.resolve(step)
    store.record_attempt(session.connection, store.AttemptRecord(
        learner_id=session.learner_id, exercise_id=step, exercise_hash=exercise.content_hash,
        seed=1, passed=passed, score=float(passed), cases_total=1, cases_passed=int(passed),
        duration_ms=1, diagnosis=slip, diagnosis_message=None, error_kind=None,
        error_message=None, failing_case=None, code=b"x", code_sha256="x",
        grader_version="test"))
    session.close()


def due_now() -> list[str]:
    session = Session()
    keys = [entry.item.key for entry in review.start(session).asked]
    session.close()
    return keys


def log_rows(*columns: str) -> list[tuple]:
    session = Session()
    rows = session.connection.execute(
        f"SELECT {', '.join(columns)} FROM review_log ORDER BY happened_at, event").fetchall()
    session.close()
    return rows


def test_a_slip_comes_back_a_day_after_it_was_made_once_its_step_is_passed(day):
    day(0)
    take_q01({1: "two_a_minus_y", 4: "half_cost_derivative"})  # 3 of 5: q01 failed
    day(1)
    assert due_now() == []  # still the current step: the step itself is the practice
    take_q01({})  # passed
    assert sorted(due_now()) == ["q01/half_cost_derivative", "q01/two_a_minus_y"]
    entered = log_rows("item", "event", "happened_at", "rating", "due")
    assert {(item, event, rating) for item, event, _, rating, _ in entered} == {
        ("q01/two_a_minus_y", "entered", 1), ("q01/half_cost_derivative", "entered", 1)}
    # entered with Again at the moment of the slip, due a day after it
    assert {due[:10] for *_, due in entered} == {(START + timedelta(days=1)).date().isoformat()}


def test_each_item_is_asked_where_the_slip_was_made_with_fresh_numbers_that_name_it(day):
    day(0)
    take_q01({1: "two_a_minus_y"})
    day(1)
    [entry] = review.start(Session()).asked
    assert entry.ask == Ask("q01", 1) and entry.seed != 4
    assert "two_a_minus_y" in {name for _, name in slip_answers(entry.question)}
    assert entry.question.prompt != draw_questions(entry.exercise, 4)[0].prompt


def test_wrong_is_again_right_after_a_hint_hard_right_good_and_unreadable_asks_again(day):
    day(0)
    take_q01({1: "two_a_minus_y"})
    take_q01({4: "flipped_sign"})  # each run passes: 4 of 5
    day(2)
    run = review.start(Session())
    assert len(run.asked) == 2
    assert not run.answer(1, "three and a bit").valid  # asked again: nothing recorded
    assert run.hint(1)  # the slip's own hint, from a code step that has one
    assert run.answer(1, run.asked[0].question.right_answer()).correct
    slip = dict((n, t) for t, n in slip_answers(run.asked[1].question))[run.asked[1].item.slip]
    wrong = run.answer(2, slip)
    assert not wrong.correct and wrong.misconception == run.asked[1].item.slip
    reviewed = [row for row in log_rows("event", "correct", "hinted", "rating", "due")
                if row[0] == "reviewed"]
    assert [row[1:4] for row in reviewed] == [(1, 1, 2), (0, 0, 1)]  # Hard, then Again
    again_due = clock.parse(reviewed[1][4]) - (START + timedelta(days=2))
    hard_due = clock.parse(reviewed[0][4]) - (START + timedelta(days=2))
    assert timedelta(days=1) <= again_due < hard_due
    day(30)
    run = review.start(Session())
    assert run.answer(1, run.asked[0].question.right_answer()).correct
    assert log_rows("rating")[-1] == (3,)  # right, no hint: Good


def test_missed_questions_come_back_and_steps_passed_two_weeks_ago_too(day):
    day(0)
    take_q01({3: "12345"})  # missed, no slip named; 4 of 5 passes
    record_check("ex01", passed=True)
    day(13)
    assert due_now() == ["q01:3"]
    day(14)
    assert sorted(due_now()) == ["ex01", "q01:3"]  # q01 has an item: no step item for it
    run = review.start(Session())
    asks = {entry.item.key: entry.ask for entry in run.asked}
    assert asks == {"ex01": Ask("ex01"), "q01:3": Ask("q01", 3)}


def test_a_built_in_slip_is_asked_by_the_steps_own_check(day):
    day(0)
    record_check("ex03", passed=False, slip="extra_factor_2")  # diagnose's, not ex03's own
    record_check("ex03", passed=True)
    day(1)
    [entry] = review.start(Session()).asked
    assert entry.item.key == "ex03/extra_factor_2" and entry.ask == Ask("ex03")


def test_a_run_asks_at_most_five_items_the_least_remembered_first(day):
    steps = ["ex01", "ex02", "ex03", "ex04", "ex05", "ex06", "ex07"]
    slips = {e.id: e.spec.misconceptions[0].name for e in Course.load() if e.id in steps}
    for number, step in enumerate(steps):
        day(number)
        record_check(step, passed=False, slip=slips[step])
        record_check(step, passed=True)
    day(20)
    assert due_now() == [f"{step}/{slips[step]}" for step in steps[:5]]  # the oldest first
    session = Session()
    assert review.due_count(session) == 7
    run = review.start(session)
    assert [entry.ask for entry in run.asked][0] == Ask("ex01")  # the step's own check first


def test_review_answers_count_toward_no_step_no_rollup_no_export_no_handin(day, runner, tmp_path):
    day(0)
    take_q01({1: "two_a_minus_y"})
    session = Session()
    before = store.progress(session.connection, session.learner_id)
    exported = runner.invoke(cli, ["export", "--format", "csv"]).output
    rolled = session.connection.execute("SELECT * FROM learner_step").fetchall()
    day(1)
    run = review.start(session)
    slip = dict((n, t) for t, n in slip_answers(run.asked[0].question))["two_a_minus_y"]
    run.answer(1, slip)
    conn = session.connection
    assert conn.execute("SELECT origin, passed, diagnosis FROM attempts WHERE origin = 'review'"
                        ).fetchall() == [("review", 0, "two_a_minus_y")]
    assert store.progress(conn, session.learner_id) == before
    assert conn.execute("SELECT * FROM learner_step").fetchall() == rolled
    assert "review" not in rollups.LEARNER_ORIGINS
    assert all(row[0] != "review" for row in conn.execute(
        f"SELECT origin FROM attempts WHERE {rollups.by_learner()}"))
    assert runner.invoke(cli, ["export", "--format", "csv"]).output == exported
    handin = tmp_path / "handin-ada.db"
    assert runner.invoke(cli, ["submit", "--out", str(handin)]).exit_code == 0
    carried = sqlite3.connect(handin)
    assert carried.execute("SELECT count(*) FROM attempts WHERE origin = 'review'"
                           ).fetchone() == (0,)
    assert carried.execute("SELECT event FROM review_log ORDER BY happened_at").fetchall() == [
        ("entered",), ("reviewed",)]
    merged = runner.invoke(cli, ["merge", str(handin), "--into", str(tmp_path / "class.db")])
    assert merged.exit_code == 0, merged.output
    stats = sqlite3.connect(tmp_path / "class.db").execute("SELECT * FROM review_stats")
    assert stats.fetchall() == [("q01", "two_a_minus_y", 1, 0, 0, None)]  # day 1: under 3 days
    forgot = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "forget", "--learner",
                                 "ada", "--yes"])
    assert forgot.exit_code == 0, forgot.output
    assert sqlite3.connect(tmp_path / "class.db").execute(
        "SELECT count(*) FROM review_log").fetchone() == (0,)  # their answers are theirs


def test_review_stats_gives_each_slips_learners_and_its_retention_after_three_days(tmp_path):
    conn = store.connect(tmp_path / "class.db")

    def at(days: float) -> str:
        return clock.stamp(START + timedelta(days=days))

    plan = {"ada": [(1, 1), (4, 0), (9, 1)], "bob": [(3, 1)], "cy": [], "dee": [(2, 0), (5, 0)]}
    for name, reviews in plan.items():
        learner = store.learner_id(conn, name, name)
        card = review_store.CardRow("ex03/two_a_minus_y", "ex03", "two_a_minus_y", "{}", at(1))
        review_store.enter(conn, learner, [(card, review_store.LogRow("entered", at(0), 1,
                                                                      at(1)))])
        with store.transaction(conn):
            for when, right in reviews:
                review_store._log(conn, learner, card, review_store.LogRow(
                    "reviewed", at(when), 3 if right else 1, at(when + 1), "ex03", None,
                    bool(right), None, False), None)
    assert conn.execute("SELECT * FROM review_stats").fetchall() == [
        # 4 in review; ada (day 4, wrong), bob (day 3, right), dee (day 5, wrong) after 3 days
        ("ex03", "two_a_minus_y", 4, 3, 1, 0.3333)]


def declared(step: str, table: dict, **changes) -> tuple[Course, Exercise]:
    course = Course.load()
    exercise = course.resolve(step)
    spec = dataclasses.replace(exercise.spec, review=table, **changes)
    return course, Exercise(exercise.folder, spec)


@pytest.mark.parametrize("table,problem", [
    ({"two_a_minus_y": ["q01:4", "q01:5"]}, None),
    ({"two_a_minus_y": ["ex04"]}, None),  # another short step that has the slip
    ({"no_such_slip": ["q01:4"]}, "'no_such_slip' is not one of ex03's misconceptions"),
    ({"two_a_minus_y": ["q01:3"]}, "q01:3: names no slip 'two_a_minus_y'"),
    ({"two_a_minus_y": ["q01:9"]}, "q01 has questions 1 to 5"),
    ({"two_a_minus_y": ["q01"]}, "q01 is a quiz: name one of its questions"),
    ({"two_a_minus_y": ["ex01"]}, "two_a_minus_y is not one of ex01's misconceptions"),
    ({"two_a_minus_y": ["ex04:1"]}, "ex04 is a code step: name it without a question number"),
    ({"two_a_minus_y": ["ex23"]}, "ex23's check may take 120 s, over 10"),
    ({"two_a_minus_y": ["ex99"]}, "no step ex99 in the course"),
])
def test_each_declaration_is_checked(table, problem):
    checks, problems = check_declarations(*declared("ex03", table))
    assert checks >= len(table)
    assert problems == [] if problem is None else any(problem in p for p in problems), problems


def test_a_slip_nothing_can_ask_about_is_a_problem():
    _, problems = check_declarations(*declared("ex03", {}, time_limit=60.0))
    assert len(problems) == 6 and "nothing asks about 'exponent_kept'" in problems[0]
    _, fixed = check_declarations(*declared(
        "ex03", {m: ["ex04"] if m in ("two_a_minus_y", "flipped_sign") else ["q01:4"]
                 for m in ("two_a_minus_y", "flipped_sign", "half_cost_derivative")},
        time_limit=60.0))
    assert len(fixed) == 3  # returned_the_cost, two_a, exponent_kept: still nothing


def test_stored_times_follow_learn_now_and_a_bad_one_is_a_one_line_error(day, runner):
    day(3)
    record_check("ex01", passed=True)
    assert Session().connection.execute("SELECT created_at FROM attempts").fetchone()[0] \
        .startswith("2025-01-09T09:00:00.000")
    bad = runner.invoke(cli, ["review"], env={"LEARN_NOW": "next tuesday"})
    assert bad.exit_code == 2
    assert bad.output.strip().splitlines() == [
        "Error: LEARN_NOW='next tuesday' is not an ISO time such as 2025-03-01T09:00 (unset "
        "it to use the clock)"]


def test_learn_review_in_the_terminal(day, runner, monkeypatch):
    day(0)
    take_q01({1: "two_a_minus_y"})
    assert "review item" not in runner.invoke(cli, ["list"]).output
    assert "Next review: tomorrow" in runner.invoke(cli, ["review"]).output
    early = runner.invoke(cli, ["review", "--answer", "1=4.5"])  # nothing due: nothing to answer
    assert early.exit_code == 0 and "Next review: tomorrow" in early.output
    assert "Nothing is due now: no answer was recorded." in early.output
    day(1)
    assert "1 review item due: `learn review`" in runner.invoke(cli, ["next"]).output
    assert "1 review item due" in runner.invoke(cli, ["list"]).output
    for command in ("next", "list"):
        assert json.loads(runner.invoke(cli, [command, "--json"]).output)["review_due"] == 1
    listed = runner.invoke(cli, ["review", "--list"]).output
    assert listed.splitlines()[0].startswith("Review 1 of 1 · q01, question 1 · One weight by hand")
    # the question is drawn afresh for each review of the item, the same until it is answered:
    # what --list shows is what `learn review` asks and what --answer answers
    assert listed == runner.invoke(cli, ["review", "--list"]).output
    monkeypatch.setattr("grader.learner.review._fresh_seed", lambda *_: 77)
    question = draw_questions(Course.load().resolve("q01"), 77)[0]
    typed = f"?\n\nwhat\n{question.right_answer()}\n"
    result = runner.invoke(cli, ["review"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Hint: " in result.output and "(skipped: it stays due)" in result.output
    assert "Review: nothing answered." in result.output and "1 item still due" in result.output
    result = runner.invoke(cli, ["review"], input=f"what\n{question.right_answer()}\n")
    assert "Could not read it" in result.output and "✓ Right." in result.output
    assert "Review: 1 of 1 right." in result.output
    assert "Next review: in 2 days" in result.output  # right on day 1: back on day 3


def test_the_same_slip_made_again_brings_its_item_back_the_next_day(day):
    day(0)
    take_q01({1: "two_a_minus_y"})
    for reviewed_on in (1, 3):  # right twice: due on day 3, then on day 9
        day(reviewed_on)
        run = review.start(Session())
        [entry] = run.asked
        assert run.answer(1, entry.question.right_answer()).correct
    day(4)
    assert due_now() == []
    take_q01({1: "two_a_minus_y"})  # the slip again, outside review
    assert due_now() == []
    day(5)
    assert due_now() == ["q01/two_a_minus_y"]
    assert [event for _, event in log_rows("item", "event")] == [
        "entered", "reviewed", "reviewed", "slipped again"]


def test_an_item_is_due_all_of_the_review_day_it_falls_on(day):
    day(0)  # 09:00
    take_q01({1: "two_a_minus_y"})  # due on day 1 at 09:00
    day(1 - 5.5 / 24)  # 03:30: still day 0's review day
    assert due_now() == []
    session = Session()
    assert review.start(session).upcoming()[1] == START + timedelta(days=1)
    assert "Next review: today from 04:00 (Tue 07 Jan)." in review_after(session)
    day(1 - 4.5 / 24)  # 04:30: day 1's review day has begun
    assert due_now() == ["q01/two_a_minus_y"]


def review_after(session: Session) -> str:
    return after(review.start(session))


def test_a_learn_now_without_an_offset_is_local_time(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert clock.parse("2025-01-06T09:00") == datetime(2025, 1, 6, 14, 0, tzinfo=UTC)
        assert clock.parse("2025-01-06T09:00+00:00") == datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
        late_evening = clock.parse("2025-01-06T23:30")  # 04:30 on the 7th in UTC
        assert clock.review_day(late_evening).isoformat() == "2025-01-06"
        assert clock.end_of_review_day(late_evening) == datetime(2025, 1, 7, 9, 0, tzinfo=UTC)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_an_item_answered_twice_in_one_command_is_a_usage_error_and_nothing_is_recorded(
        day, runner):
    day(0)
    take_q01({1: "two_a_minus_y"})
    day(1)
    result = runner.invoke(cli, ["review", "--answer", "1=1", "--answer", "1=2"])
    assert result.exit_code == 2 and "question 1 is answered twice" in result.output
    assert [event for _, event in log_rows("item", "event")] == ["entered"]


def test_before_the_review_day_begins_the_next_is_today_from_four():
    from grader.wording.review import when

    night = START + timedelta(days=1, hours=-7)  # 02:00 on day 1
    assert when(START + timedelta(days=1), night) == "today from 04:00 (Tue 07 Jan)"
    assert when(START + timedelta(days=2), night) == "tomorrow (Wed 08 Jan)"


def test_answers_in_separate_commands_are_told_the_numbers_start_again(day, runner):
    day(0)
    take_q01({1: "two_a_minus_y", 4: "half_cost_derivative"})  # failed
    take_q01({})  # passed
    day(1)
    assert len(due_now()) == 2
    result = runner.invoke(cli, ["review", "--answer", "1=0"])
    assert "numbered from 1 again" in result.output
    day(2)
    nothing_due = runner.invoke(cli, ["review", "--answer", "foo"])
    assert nothing_due.exit_code == 2 and "write N=ANSWER" in nothing_due.output
