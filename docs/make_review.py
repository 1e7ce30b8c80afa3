"""Writes docs/review.md: what `learn review` asks about each slip of the course (from
grader.course.review_map) and simulated learners' schedules (tests/review_simulation.py, the
simulation tests/test_review_schedule.py checks). Run from the repository's root:

    python docs/make_review.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course.review_map import REVIEW_SECONDS, course_map_markdown  # noqa: E402
from grader.course.spec import Course  # noqa: E402
from tests import review_simulation as sim  # noqa: E402
from tests.test_review import take_q01  # noqa: E402

DAYS = 60


def one_learner(home: Path) -> None:
    """Day 0: ex01 and ex02 passed at once, the slip at ex03 and its pass; day 1: q01, with the
    same slip at its first question (it passes, 4 of 5)."""
    sim.at(0)
    course = Course.load()
    from grader.learner.api import Session

    session = Session(home=home)
    for step in ("ex01", "ex02"):
        exercise = course.resolve(step)
        path = session.workspace.file_for(exercise)
        path.write_text(exercise.solution_path.read_text(encoding="utf-8"), encoding="utf-8")
        assert session.check(step).verdict.passed
    session.close()
    sim.slip_then_pass(home)
    sim.at(1)
    os.environ["LEARN_HOME"] = str(home)
    take_q01({1: sim.SLIP})


def main() -> None:
    os.environ.setdefault("LEARN_USER", "ada")
    os.environ.pop("LEARN_DB", None)
    with tempfile.TemporaryDirectory() as scratch:
        right = sim.live(Path(scratch) / "right", DAYS)
        wrong = sim.live(Path(scratch) / "wrong", DAYS, frozenset({9}))
        learner = sim.live(Path(scratch) / "learner", DAYS, frozenset({9}), start=one_learner)
    os.environ.pop(sim.VARIABLE, None)
    text = f"""# `learn review`: what comes back, and when

<!-- Written by `python docs/make_review.py`; edit that script, not this file. -->

The ladder teaches each idea once. `learn review` (and `%learn review` in a notebook) brings
back what this learner got wrong, spaced out over weeks: each slip a check or a quiz answer of
theirs was named with, each quiz question they missed without a named slip, and each step they
passed {sim.review.LONG_AGO.days} days ago or more that nothing else asks about. An item
enters review once its step is passed; a slip starts as an FSRS card rated Again at the moment
it was last made (so it first comes back a day later; the same slip made again in a check or a
quiz later rates it Again then), a long-passed step as Good at its first pass. An item is due
all of the day it falls on (days start at 04:00 local time), and it is asked only through
steps the learner has passed (not a quiz they have not come to).
Each time it is due it is asked as the next of its asks in turn, with fresh numbers: a
quiz question drawn so that it still tells the slip from the right answer, or the step's
function written again from its starter into `review/<step>.py` and checked on fresh cases.
Wrong is Again, right after a hint (`?`) Hard, right Good. A run asks at most
{sim.review.MAX_ITEMS} items, the least likely to be remembered first (FSRS's
retrievability). Review answers are attempts of origin `review`: no step, rollup, grade or
export counts them; a hand-in carries their log (`review_log`) for the class's
`review_stats`.

## One learner's schedule over {DAYS} days

Simulated with `LEARN_NOW` standing in for the clock (tests/review_simulation.py; every check
graded for real). On day 0 the learner writes 2a − y at ex03 (`{sim.SLIP}`), reads the
diagnosis and passes. Each morning they run `learn review` and answer every item due.

Right every time: the slip comes back on a growing spacing, then not within the {DAYS} days.

```
{sim.timeline_text(right, DAYS)}
{sim.gaps(right, sim.ITEM)}
```

The same, but the slip again on day 9: it comes back the next day, and spaces out anew.

```
{sim.timeline_text(wrong, DAYS)}
{sim.gaps(wrong, sim.ITEM)}
```

A learner with more behind them: ex01 and ex02 passed on day 0, the slip at ex03 and its pass
on day 0, the same slip in q01's first question on day 1 (a second item: it was made at
another step), and the slip again on day 9. ex01 and ex02 come back when they have been passed
for {sim.review.LONG_AGO.days} days.

```
{sim.timeline_text(learner, DAYS)}
```

✗ a slip (or a wrong answer), ○ the pass that brought a step in, ✓ a right answer, · nothing;
▸ when the item is due next, after the {DAYS} days. The ex03 item is asked in turn as ex03's
check, q01's question 4 and q01's question 5 (ex03's `[review]` table names them).

## The item map

For every step, its slips and what asks about each (`ex03`: the step's check, written again;
`q01:4`: question 4 of q01). A code step's own misconceptions are asked by its check when the
check is short (at most {REVIEW_SECONDS:g} s), and so are the built-in slips any check names
(a factor of 2, a transpose, float32...: not listed here); its exercise.toml's `[review]` table adds
quiz questions that name the same slip, or another short step's check that has it; `learn
validate` checks each. A quiz's slips are asked by the questions that carry them (in some draw
of seeds 1–5). A learner's item is asked by those of the step where they made the slip (for a
quiz, the questions where they made it).

{course_map_markdown(Course.load())}
## For the instructor

The `review_stats` view: per slip, how many learners have it in review, how many were asked it
three or more days after the slip, and the share right the first time (the retention). The
dashboard charts it (four simulated learners here):

![review_stats on the dashboard](review-chart.png)
"""
    (ROOT / "docs" / "review.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
