"""Sixty days of a learner's reviews (LEARN_NOW as the clock, every check graded for real): the
slip two_a_minus_y made at ex03 comes back on a growing spacing, stops coming back within the
course once it is answered right again and again, and comes back sooner after a wrong answer."""

from itertools import pairwise

import pytest

from grader.cli import cli
from tests.review_simulation import ITEM, START, at, live, slip_then_pass

pytestmark = pytest.mark.slow  # grades a dozen files


def review_days(events) -> list[int]:
    return [round(e.day) for e in events if e.item == ITEM and e.kind == "reviewed"]


def test_a_slip_comes_back_spaced_out_then_stops_and_a_wrong_answer_brings_it_back_sooner(
        home, monkeypatch):
    monkeypatch.setenv("LEARN_NOW", START.isoformat())  # restored after the test
    right = live(home / "right", 60)
    assert [e.item for e in right] == [ITEM] * 5  # the slip is the one item: ex03 has one
    assert review_days(right) == [1, 3, 9, 26]
    gaps = [b - a for a, b in pairwise([0, *review_days(right)])]
    assert gaps == sorted(gaps) and gaps[-1] >= 10  # growing, to weeks
    assert right[-1].due > 60  # right four times: not again within the sixty days
    assert all(e.correct for e in right if e.kind == "reviewed")
    asked = [e for e in right if e.kind == "reviewed"]
    assert [e.rating for e in asked] == [3, 3, 3, 3]  # Good each time

    wrong = live(home / "wrong", 60, wrong_on=frozenset({9}))
    days = review_days(wrong)
    assert days[:3] == [1, 3, 9]
    # wrong on day 9: back the next day, where a right answer had waited until day 26
    assert days[3] == 10 and days[3] < review_days(right)[3]
    assert len(days) > len(review_days(right))
    after = [b - a for a, b in pairwise(days[3:])]
    assert after == sorted(after)  # then spaced out again


def test_a_check_item_in_the_terminal_is_written_again_and_checked(home, runner, monkeypatch):
    monkeypatch.setenv("LEARN_NOW", START.isoformat())
    slip_then_pass(home)
    at(1)
    result = runner.invoke(cli, ["review"], input="\n")  # Enter before writing anything
    assert "Write cost_derivative(a, y) again, from memory" in result.output
    assert "not written yet" in result.output and "It gave no answer to judge" in result.output
    review_file = home / "review" / "ex03_cost_derivative.py"
    assert "NotImplementedError" in review_file.read_text()
    assert "press Enter in `learn review`" in review_file.read_text()  # not `learn check ex03`
    review_file.write_text("def cost_derivative(a, y):\n    return 2 * (a - y)\n")
    result = runner.invoke(cli, ["review"], input="\n")
    assert "(your work so far is there)" in result.output
    assert "✓ Review of ex03: 20 of 20 cases right." in result.output
    assert "passed" not in result.output and "Review: 1 of 1 right." in result.output
    assert "Replay this exact check" not in result.output
    at(3)
    result = runner.invoke(cli, ["review", "--list"])
    # q01's questions 4 and 5 also ask this slip, but this learner has not come to q01 yet
    assert "Review 1 of 1 · ex03 · " in result.output and "q01" not in result.output
    assert "Write cost_derivative(a, y) again, from memory: `learn review` puts" in result.output
    # a new review of the item: the starter again; then the same code as last time is the
    # learner's answer, not a stale file to reset
    runner.invoke(cli, ["review"], input="")
    assert "NotImplementedError" in review_file.read_text()
    review_file.write_text("def cost_derivative(a, y):\n    return 2 * (a - y)\n")
    result = runner.invoke(cli, ["review"], input="\n")
    assert "✓ Review of ex03: 20 of 20 cases right." in result.output
    at(9)  # written again straight away, the same as last time, and checked with --answer
    review_file.write_text("def cost_derivative(a, y):\n    return 2 * (a - y)\n")
    result = runner.invoke(cli, ["review", "--answer", "1=check"])
    assert "✓ Review of ex03: 20 of 20 cases right." in result.output
    at(40)  # left as it was graded: the next review starts from the starter
    runner.invoke(cli, ["review"], input="")
    assert "NotImplementedError" in review_file.read_text()


def test_the_item_map_in_docs_is_the_courses():
    from pathlib import Path

    from grader.course.review_map import course_map_markdown
    from grader.course.spec import Course

    docs = Path(__file__).resolve().parent.parent / "docs" / "review.md"
    assert course_map_markdown(Course.load()) in docs.read_text(encoding="utf-8"), \
        "docs/review.md is out of date: python docs/make_review.py"
