"""`learn review`: the learner's own slips, asked again on a growing spacing.

The ladder teaches each idea once; review brings back what this learner got wrong, and what
they passed long ago, before it is forgotten. Each item comes from their history (`items`):

    a named slip they made     a check's diagnosis, a quiz answer's slip    ex03/two_a_minus_y
    a question they missed     without a named slip                         q01:3
    a step passed long ago     LONG_AGO or more, and nothing else about it  ex05

A slip or a miss enters review once its step is passed: until then the step itself is the
practice. Each time an item is due it is asked as the next of its asks in turn
(grader.course.review_map): a quiz question drawn with a fresh seed (one that still carries the
slip), or the step's check, the function written again from the starter into
review/<slug>.py and graded on fresh cases. Its card (FSRS, grader.learner.spacing) says when
it comes back; the answers are attempts of origin 'review' (grader.database.review_store).

A run asks at most MAX_ITEMS items (a few minutes), the least likely to be remembered first.

Grading and drawing questions (grader.grading.grade, .quiz) load numpy, so they are imported
in the functions that ask: `learn next` counts the items due (`due_count`) without numpy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from grader import __version__, clock
from grader.course.review_map import Ask, asks_for_slip, step_asks
from grader.database import review_store, store
from grader.errors import LearnError
from grader.learner import spacing
from grader.wording import review as say

if TYPE_CHECKING:
    from grader.course.spec import Course, Exercise
    from grader.grading.quiz import Question, Result
    from grader.grading.verdict import Verdict
    from grader.learner.api import Session
    from grader.running.runner import Child

LONG_AGO = timedelta(days=14)  # a step passed this long ago comes back, slips or not
MAX_ITEMS = 5  # a run: a few minutes' worth
DRAWS = 20  # fresh seeds tried for a question that still carries the slip
REVIEW_FOLDER = "review"  # in the workspace: the review checks' files
ROUNDS_FILE = ".rounds.json"  # in REVIEW_FOLDER: each file's review round and last grading
# A file that gives no answer to judge is asked again, like an unreadable quiz answer: it says
# nothing about the slip.
NO_ANSWER = {"file", "syntax", "import", "missing_function", "not_implemented", "not_graded"}


@dataclass(frozen=True)
class Item:
    key: str  # review_cards.item
    step: str  # where the slip was made, the question missed, the step passed
    slip: str | None
    since: str  # when that last happened (UTC ISO)
    slipped: bool  # a slip or a miss (starts on Again), else a pass (starts on Good)
    asks: tuple[Ask, ...]


def items(session: Session, now: datetime) -> dict[str, Item]:
    """Every item the learner's history offers at `now`, by key."""
    course = session.course
    found = session._store_call(review_store.history, session.connection, session.learner_id)

    def known(step: str) -> Exercise | None:
        return next((e for e in course if e.id == step), None)

    def reached(step: str, asks: list[Ask]) -> tuple[Ask, ...]:
        """The asks of steps the learner has passed: not a quiz they have not come to yet."""
        return tuple(ask for ask in asks if ask.step == step or ask.step in found.passes)

    offered: dict[str, Item] = {}
    for step, slip, since in found.code_slips:
        exercise = known(step)
        if exercise is not None and not exercise.is_quiz and step in found.passes:
            offered[f"{step}/{slip}"] = Item(f"{step}/{slip}", step, slip, since, True,
                                             reached(step, asks_for_slip(exercise, slip)))
    for quiz, slip, since, numbers in found.quiz_slips:
        exercise = known(quiz)
        if exercise is not None and exercise.is_quiz and quiz in found.passes:
            offered[f"{quiz}/{slip}"] = Item(f"{quiz}/{slip}", quiz, slip, since, True,
                                             reached(quiz, asks_for_slip(exercise, slip, numbers)))
    for quiz, number, since in found.missed:
        exercise = known(quiz)
        if exercise is not None and quiz in found.passes and \
                number <= len(exercise.spec.questions):
            offered[f"{quiz}:{number}"] = Item(f"{quiz}:{number}", quiz, None, since, True,
                                               (Ask(quiz, number),))
    has_item = {item.step for item in offered.values()}
    for step, passed_at in found.passes.items():
        exercise = known(step)
        if exercise is None or step in has_item:
            continue
        if now - clock.parse(passed_at) >= LONG_AGO:
            offered[step] = Item(step, step, None, passed_at, False, tuple(step_asks(exercise)))
    return {key: item for key, item in offered.items() if item.asks}


def sync(session: Session, now: datetime | None = None) -> dict[str, Item]:
    """Enter every item offered now that has no card yet, and rate Again each item whose slip
    was made again since its last review; returns the items offered."""
    now = now or clock.now()
    offered = items(session, now)
    cards = session._store_call(review_store.cards, session.connection, session.learner_id)
    new = []
    for item in offered.values():
        if item.key in cards:
            if item.slipped:
                _slipped_again(session, item, cards[item.key])
            continue
        at = clock.parse(item.since)
        card = spacing.started(at, item.slipped)
        row = review_store.CardRow(item.key, item.step, item.slip, spacing.to_text(card),
                                   clock.stamp(card.due))
        first = spacing.AGAIN if item.slipped else spacing.GOOD
        new.append((row, review_store.LogRow("entered", item.since, int(first), row.due)))
    if new:
        session._store_call(review_store.enter, session.connection, session.learner_id, new)
    return offered


def _slipped_again(session: Session, item: Item, row: review_store.CardRow) -> None:
    """The slip made again (a check or a quiz, after the item came in): its card lapses then."""
    card = spacing.from_text(row.card)
    at = clock.parse(item.since)
    if card.last_review is None or at <= card.last_review:
        return
    card = spacing.reviewed(card, spacing.AGAIN, at)
    row = review_store.CardRow(item.key, item.step, item.slip, spacing.to_text(card),
                               clock.stamp(card.due))
    log = review_store.LogRow("slipped again", item.since, int(spacing.AGAIN), row.due)
    session._store_call(review_store.relapse, session.connection, session.learner_id, row, log)


def due_before(now: datetime) -> str:
    """Items due before this are due now: all of today's review day (grader.clock)."""
    return clock.stamp(clock.end_of_review_day(now))


def due_count(session: Session) -> int:
    """How many items are due now (entering what the history offers first)."""
    now = clock.now()
    sync(session, now)
    return session._store_call(review_store.due_count, session.connection, session.learner_id,
                               due_before(now))


@dataclass
class Asked:
    """One item of a run, as it is asked: a question drawn for it, or its step's check."""

    item: Item
    row: review_store.CardRow
    ask: Ask
    exercise: Exercise  # the step asked: a quiz, or the code step whose check is written again
    seed: int
    question: Question | None = None  # None: a check
    hinted: bool = False
    kept: bool = False  # its review file holds the learner's work from before, not the starter
    correct: bool | None = None  # None until answered
    misconception: str | None = None

    @property
    def is_check(self) -> bool:
        return self.question is None

    @property
    def answered(self) -> bool:
        return self.correct is not None


@dataclass
class ReviewRun:
    """The items due now, asked one by one; each answer is recorded and reschedules its item."""

    session: Session
    asked: list[Asked] = field(default_factory=list)
    store_error: str | None = None

    # -- what is asked --------------------------------------------------------------------

    def hint(self, number: int) -> str | None:
        """A nudge for item `number` (from 1): its slip's hint, else its step's first; a right
        answer after it rates Hard."""
        entry = self.asked[number - 1]
        text = hint_for(self.session.course, entry)
        if text is not None:
            entry.hinted = True
        return text

    def review_file(self, number: int) -> Path:
        """Where item `number`'s function is written again: from the starter once per review of
        the item (its round), unless the file holds the learner's work: anything but the
        starter or the file exactly as it was last graded (its mtime, in ROUNDS_FILE), even
        code the same as last time's written again."""
        entry = self.asked[number - 1]
        exercise = entry.exercise
        folder = self.session.workspace.root / REVIEW_FOLDER
        path = folder / exercise.learner_filename
        starter = review_starter(exercise)
        state = _read_rounds(folder).get(exercise.id, {})
        this_round = f"{entry.item.key}#{entry.row.reviews}"
        if path.is_file():
            current = path.read_bytes()
            as_graded = path.stat().st_mtime_ns == state.get("graded")
            if state.get("round") == this_round or (current != starter and not as_graded):
                entry.kept = current != starter
                _remember(folder, exercise.id, round=this_round)
                return path
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(starter)
        except OSError as exc:
            raise LearnError(f"cannot write {path} ({exc.strerror})") from None
        _remember(folder, exercise.id, round=this_round, graded=None)
        return path

    # -- answering ------------------------------------------------------------------------

    def answer(self, number: int, text: str, seconds: float = 0.0) -> Result:
        """Grade a question item's answer; a readable one is recorded and rates the item."""
        entry = self.asked[number - 1]
        if entry.question is None:
            raise LearnError(f"review item {number} is a check: write the function, then check")
        if entry.answered:
            raise LearnError(f"review item {number} is answered")
        result = entry.question.grade(text)
        if not result.valid:
            return result
        attempt = store.AttemptRecord(
            learner_id=self.session.learner_id, exercise_id=entry.exercise.id,
            exercise_hash=entry.exercise.content_hash, seed=entry.seed, passed=result.correct,
            score=float(result.correct), cases_total=1, cases_passed=int(result.correct),
            duration_ms=round(seconds * 1000), diagnosis=result.misconception,
            diagnosis_message=result.message or None, error_kind=None, error_message=None,
            failing_case=None, code=b"", code_sha256="", grader_version=__version__,
            origin=review_store.ORIGIN)
        self._record(entry, result.correct, result.misconception, text.strip(), attempt)
        return result

    def check(self, number: int, child: Child | None = None) -> Verdict:
        """Grade a check item's file on fresh cases and record the answer; a file that gives
        no answer to judge (not written yet, a syntax error) is not recorded, and the item
        stays open (`answered` tells)."""
        from grader.grading.grade import grade_file  # numpy: see the module's docstring

        entry = self.asked[number - 1]
        if entry.question is not None:
            raise LearnError(f"review item {number} is a question: answer it")
        if entry.answered:
            raise LearnError(f"review item {number} is checked already")
        path = self.session.workspace.root / REVIEW_FOLDER / entry.exercise.learner_filename
        provided = self.session.course.provided_modules(entry.exercise,
                                                        self.session.workspace.file_for)
        verdict, source = grade_file(entry.exercise, path, seed=entry.seed, child=child,
                                     provided=provided)
        if verdict.error is not None and verdict.error.kind in NO_ANSWER:
            return verdict
        attempt = store.AttemptRecord.from_verdict(
            self.session.learner_id, entry.exercise, verdict, source,
            origin=review_store.ORIGIN)
        try:
            _remember(path.parent, entry.exercise.id, graded=path.stat().st_mtime_ns)
        except OSError:
            pass  # gone meanwhile: the next review starts from the starter
        slip = verdict.diagnosis.name if verdict.diagnosis else None
        self._record(entry, verdict.passed, slip, None, attempt)
        return verdict

    def _record(self, entry: Asked, correct: bool, slip: str | None, answer: str | None,
                attempt: store.AttemptRecord) -> None:
        now = clock.now()
        given = spacing.rating(correct, entry.hinted)
        card = spacing.reviewed(spacing.from_text(entry.row.card), given, now)
        row = review_store.CardRow(entry.item.key, entry.item.step, entry.item.slip,
                                   spacing.to_text(card), clock.stamp(card.due))
        log = review_store.LogRow("reviewed", clock.stamp(now), int(given), row.due,
                                  str(entry.ask), answer, correct, slip, entry.hinted)
        entry.correct, entry.misconception, entry.row = correct, slip, row
        try:
            self.session._store_call(review_store.record_review, self.session.connection,
                                     self.session.learner_id, row, log, attempt)
        except LearnError as exc:
            self.store_error = str(exc)

    # -- how it went ----------------------------------------------------------------------

    @property
    def right(self) -> int:
        return sum(bool(a.correct) for a in self.asked)

    @property
    def answered(self) -> int:
        return sum(a.answered for a in self.asked)

    def upcoming(self) -> tuple[int, datetime | None]:
        """(items due now and not answered in this run, when the next later one is due)."""
        cutoff = due_before(clock.now())
        rows = self.session._store_call(review_store.cards, self.session.connection,
                                        self.session.learner_id)
        done = {a.item.key for a in self.asked if a.answered}
        waiting = [r for r in rows.values() if r.due < cutoff and r.item not in done]
        later = [r.due for r in rows.values() if r.due >= cutoff]
        return len(waiting), (clock.parse(min(later)) if later else None)


def start(session: Session, limit: int = MAX_ITEMS) -> ReviewRun:
    """The items due now, at most `limit`, the least likely to be remembered first (FSRS's
    retrievability: the longest overdue and the weakest), each drawn to be asked."""
    now = clock.now()
    offered = sync(session, now)
    cards = session._store_call(review_store.cards, session.connection, session.learner_id)
    cutoff = due_before(now)
    due = [row for row in cards.values() if row.due < cutoff and row.item in offered]
    due.sort(key=lambda r: (spacing.retrievability(spacing.from_text(r.card), now), r.due))
    run = ReviewRun(session)
    for row in due[:limit]:
        item = offered[row.item]
        run.asked.append(_asked(session, item, row))
    return run


def _asked(session: Session, item: Item, row: review_store.CardRow) -> Asked:
    """The item's next ask in turn, drawn with a fresh seed: fresh for each review of the item,
    the same until it is answered (so the question `learn review` showed is the one
    `learn review --answer` answers)."""
    ask = item.asks[row.reviews % len(item.asks)]
    exercise = session.course.resolve(ask.step)
    seed = _fresh_seed(session.learner_id, item.key, row.reviews)
    if ask.question is None:
        return Asked(item, row, ask, exercise, seed)
    seed, question = _draw(exercise, ask.question, item.slip, seed)
    return Asked(item, row, ask, exercise, seed, question)


def _fresh_seed(learner: str, item: str, reviews: int) -> int:
    digest = hashlib.sha256(f"{learner}/{item}/{reviews}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def _draw(quiz: Exercise, number: int, slip: str | None, first: int) -> tuple[int, Question]:
    """Question `number` of `quiz` drawn with seed `first` or the next ones, the first whose
    numbers still tell `slip` from the right answer (a draw where it coincides drops it: see
    grader.grading.quiz.distinct)."""
    from grader.grading.quiz import draw_questions, slip_answers  # numpy: see the docstring

    for tries in range(DRAWS):
        seed = (first + tries) & 0x7FFFFFFF
        question = draw_questions(quiz, seed)[number - 1]
        if slip is None or slip in {name for _, name in slip_answers(question)}:
            break
    return seed, question


def _read_rounds(folder: Path) -> dict[str, dict]:
    """Step -> {"round": the review its file was last set up for, "graded": the file's mtime
    (ns) when it was last graded}."""
    try:
        found = json.loads((folder / ROUNDS_FILE).read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {step: state for step, state in found.items() if isinstance(state, dict)}


def _remember(folder: Path, step: str, **state) -> None:
    rounds = _read_rounds(folder)
    rounds[step] = {**rounds.get(step, {}), **state}
    try:
        (folder / ROUNDS_FILE).write_text(json.dumps(rounds))
    except OSError:
        pass  # then the file is judged by its contents alone next time


def review_starter(exercise: Exercise) -> bytes:
    """The step's starter, its "then run `learn check`" line saying how a review checks it."""
    starter = exercise.starter_path.read_bytes()
    told = f"Edit this file, then run `learn check {exercise.id}`.".encode()
    return starter.replace(told, say.REVIEW_FILE_NOTE.format(step=exercise.id).encode(), 1)


def hint_for(course: Course, entry: Asked) -> str | None:
    """The item's slip's own hint (from the step asked, its own step, or any code step with a
    slip of that name), else the first hint of the step asked or its own."""
    steps = [entry.exercise, course.resolve(entry.item.step)]
    if entry.item.slip:
        for exercise in [*steps, *course]:
            for slip in exercise.spec.misconceptions:
                if slip.name == entry.item.slip and slip.hint:
                    return slip.hint
    for exercise in steps:
        if exercise.spec.hints:
            return exercise.spec.hints[0]
    return None
