"""The learner's side of the library API behind the `learn` command: one method of a `Session`
per command, no click in sight (the instructor's side is grader.instructor.classroom).

A `Session` ties together the course (the exercise folders), the learner's workspace, the
progress database and who the learner is, each made on first use. What only some commands need
is imported in the methods that use it: grading and worked examples (numpy), fork servers
(grader.running) and the workbook (presenting, nbformat). So `learn next` loads none of them,
and `learn check`'s parent loads numpy only once its child is started (grader/cli.py).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from grader import __version__
from grader.course import coursefile
from grader.course.spec import (
    EXPLAIN_FILE,
    Course,
    Exercise,
    default_exercises_dir,
    load_for_a_class,
    step_number,
)
from grader.database import store
from grader.errors import LearnError, StoreError
from grader.grading.verdict import Verdict
from grader.learner.workspace import Workspace, find_workspace

if TYPE_CHECKING:
    from grader.running.forkserver import ForkServers


def default_user() -> str:
    """The account's name, as getpass.getuser() finds it (without its 10 ms of imports)."""
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import pwd  # POSIX only (Windows names its user in USERNAME, above)

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):  # no passwd entry (containers); still usable
        return "learner"


@dataclass(frozen=True)
class StepStatus:
    exercise: Exercise
    attempts: int
    passed: bool
    best_score: float
    current: bool
    due: str | None = None  # UTC ISO, from the course's course.toml (the learner's own date)


@dataclass(frozen=True)
class CheckResult:
    exercise: Exercise
    path: Path
    verdict: Verdict
    attempt_id: str | None
    store_error: str | None


def steps_document(steps: list[StepStatus]) -> dict:
    """`learn list --json`."""
    return {
        "steps": [{"id": s.exercise.id, "title": s.exercise.spec.title,
                   "stage": s.exercise.spec.stage, "kind": s.exercise.spec.kind,
                   "attempts": s.attempts, "passed": s.passed,
                   "best_score": s.best_score, "current": s.current, "due": s.due}
                  for s in steps],
        "passed": sum(s.passed for s in steps),
        "total": len(steps),
    }


@dataclass(frozen=True)
class Hint:
    number: int  # 0: the hint for the slip the latest check named
    total: int
    text: str
    repeated: bool
    slip: str | None = None  # that slip's name


class Session:
    def __init__(
        self,
        home: str | os.PathLike | None = None,
        db: str | os.PathLike | None = None,
        user: str | None = None,
        exercises: str | os.PathLike | None = None,
        warn: Callable[[str], None] | None = None,
    ):
        self._home = home
        self._db = db or os.environ.get("LEARN_DB") or None
        self.user = user or os.environ.get("LEARN_USER") or default_user()
        self._exercises = Path(exercises) if exercises else None
        self._warn = warn  # told of each broken exercise folder the course skips

    @cached_property
    def course(self) -> Course:
        return load_for_a_class(self._exercises, self._warn)

    @cached_property
    def workspace(self) -> Workspace:
        return find_workspace(self._home)

    @property
    def db_path(self) -> Path:
        if self._db:
            return Path(self._db).expanduser().resolve()
        return self.workspace.default_database()

    @cached_property
    def connection(self) -> sqlite3.Connection:
        return store.connect(self.db_path)

    @cached_property
    def learner_id(self) -> str:
        return self._store_call(store.learner_id, self.connection, self.user, default_user())

    def _store_call(self, function, *args):
        try:
            return function(*args)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.db_path}: {store.explain_error(exc)}") from None

    def close(self) -> None:
        if "connection" in self.__dict__:
            self.connection.close()

    # -- what the learner sees -------------------------------------------------------------

    def progress(self) -> dict:
        return self._store_call(store.progress, self.connection, self.learner_id)

    def steps(self) -> list[StepStatus]:
        done = self.progress()
        current = self._current(done)
        rules = self.course_rules()
        return [
            StepStatus(
                e,
                done[e.id].attempts if e.id in done else 0,
                done[e.id].passed if e.id in done else False,
                done[e.id].best_score if e.id in done else 0.0,
                current is not None and e.id == current.id,
                (rules.assignment_of(e.id).due_for(self.user)
                 if rules.assignment_of(e.id) else rules.deadlines.get(e.id)),
            )
            for e in self.course
        ]

    def course_rules(self):
        """The course's course.toml, for the learner's due dates: LEARN_COURSE_FILE, else
        course.toml beside the exercises (the instructor ships it with the course)."""
        named = os.environ.get("LEARN_COURSE_FILE")
        path = Path(named) if named else (self._exercises or default_exercises_dir()) \
            / "course.toml"
        return coursefile.load(path if path.is_file() else None)

    def _current(self, done: dict) -> Exercise | None:
        return next((e for e in self.course if not (e.id in done and done[e.id].passed)), None)

    def next_step(self) -> Exercise | None:
        """The first step not passed yet, with its file ready in the workspace."""
        exercise = self._current(self.progress())
        if exercise is not None:
            self.open_step(exercise)
        return exercise

    def step_document(self, exercise: Exercise | None) -> dict:
        """`learn next --json`: the step, its file and its instructions."""
        if exercise is None:
            return {"id": None, "done": True}
        steps = self.course.exercises
        path = None if exercise.is_quiz else self.workspace.file_for(exercise)
        return {
            "id": exercise.id, "title": exercise.spec.title, "kind": exercise.spec.kind,
            "path": str(path) if path else None, "position": steps.index(exercise) + 1,
            "total": len(steps), "function": exercise.spec.function or None,
            "instructions": exercise.instructions,
        }

    def resolve_next(self, after: Exercise | None = None) -> Exercise | None:
        """The first step not passed yet (None when all are), without opening it; with
        `after`, the first one after that step, so a learner who jumped ahead goes on."""
        done = self.progress()
        steps = self.course.exercises
        if after is not None and after in steps:
            start = steps.index(after) + 1
            steps = steps[start:] + steps[:start]
        return next((e for e in steps if not (e.id in done and done[e.id].passed)), None)

    def resolve(self, name: str | None) -> Exercise:
        if name is None:
            exercise = self._current(self.progress())
            if exercise is None:
                raise LearnError("every step is passed; name one to check it again")
            return exercise
        return self.course.resolve(name)

    def open_step(self, exercise: Exercise) -> Path | None:
        """Record that the learner opened a step; a code step's file is made from its stub."""
        path = None if exercise.is_quiz else self.workspace.ensure_file(exercise)[0]
        self._store_call(store.mark_opened, self.connection, self.learner_id, exercise.id)
        return path

    def check(self, name: str | None = None, seed: int | None = None, child=None,
              origin: str = "local") -> CheckResult:
        """Grade the learner's file for a step and record the attempt, whatever happened."""
        from grader.grading.grade import grade_file  # see the module's docstring

        exercise = self.resolve(name)
        if exercise.is_quiz:
            raise LearnError(f"{exercise.id} is a quiz: run `learn quiz {exercise.id}`")
        path = self.workspace.file_for(exercise)
        store_error = None
        try:
            if not (path.exists() or path.is_symlink()) and not self._store_call(
                    store.was_opened, self.connection, self.learner_id, exercise.id):
                self.open_step(exercise)  # first contact with this step: start from the stub
        except StoreError as exc:
            store_error = str(exc)
        provided = self.course.provided_modules(exercise, self.workspace.file_for)
        verdict, source = grade_file(exercise, path, seed=seed, child=child, provided=provided)
        if (exercise.spec.uses_learner_code and not verdict.passed
                and not (verdict.error and verdict.error.kind == "not_implemented")):
            verdict.notes += self.suspects(exercise)
        attempt_id = None
        if store_error is None:
            try:
                attempt_id = self._record(exercise, verdict, source, origin)
            except StoreError as exc:
                store_error = str(exc)
        return CheckResult(exercise, path, verdict, attempt_id, store_error)

    def suspects(self, exercise: Exercise) -> list[str]:
        """The capstone runs on the learner's own earlier functions: check each of them on its
        own step, so a failure names the function to suspect."""
        from grader.grading.grade import grade_file  # see the module's docstring

        notes = []
        for name in exercise.spec.uses:
            used = self.course.resolve(name)
            verdict, _ = grade_file(used, self.workspace.file_for(used), provided=self.course
                                    .provided_modules(used, self.workspace.file_for))
            if verdict.passed:
                continue
            notes.append(f"Suspect your {used.spec.function} ({used.id}, "
                         f"{used.learner_filename}): it fails its own check: {verdict.reason}")
        if not notes:
            notes.append("Your earlier functions all pass their own checks: look at the "
                         "training itself (learning rate, epochs, mini-batch size, shuffling).")
        return notes

    def _record(self, exercise: Exercise, verdict: Verdict, source: bytes,
                origin: str = "local") -> str:
        record = store.AttemptRecord.from_verdict(self.learner_id, exercise, verdict, source,
                                                  origin=origin)
        return self._store_call(store.record_attempt, self.connection, record)

    def hint(self, name: str | None) -> Hint:
        exercise = self.resolve(name)
        hints = exercise.spec.hints
        slip = self._store_call(store.unanswered_slip, self.connection, self.learner_id,
                                exercise.id)
        keyed = {m.name: m.hint for m in exercise.spec.misconceptions if m.hint}
        if slip in keyed:  # first the nudge for the slip the latest check named
            self._store_call(store.record_slip_hint, self.connection, self.learner_id,
                             exercise.id)
            return Hint(0, len(hints), keyed[slip], repeated=False, slip=slip)
        if not hints:
            raise LearnError(f"{exercise.id} has no hints; `learn show {exercise.id}` "
                             "shows its instructions")
        shown = self._store_call(store.hints_shown, self.connection, self.learner_id,
                                 exercise.id)
        if shown >= len(hints):
            return Hint(len(hints), len(hints), hints[-1], repeated=True)
        number = self._store_call(store.record_hint, self.connection, self.learner_id,
                                  exercise.id)
        return Hint(number, len(hints), hints[number - 1], repeated=False)

    def explain(self, name: str | None, seed: int | None = None) -> tuple[str, int]:
        """A fresh worked example for a step, computed by the reference engine."""
        from grader.course.worked import worked_example  # see the module's docstring
        from grader.grading.grade import new_seed

        exercise = self.resolve(name)
        if not exercise.explain_path.is_file():
            raise LearnError(f"{exercise.id} has no worked example ({EXPLAIN_FILE}); "
                             f"`learn show {exercise.id}` has its instructions")
        seed = new_seed() if seed is None else seed
        return worked_example(exercise, seed)[0], seed

    def solution(self, name: str) -> tuple[Exercise, str]:
        """The reference solution, only once the learner has passed the step."""
        exercise = self.resolve(name)
        if exercise.is_quiz:
            raise LearnError(f"{exercise.id} is a quiz: each answer is shown with its "
                             f"explanation as you go (`learn quiz {exercise.id}`)")
        done = self.progress().get(exercise.id)
        if not (done and done.passed):
            raise LearnError(f"pass {exercise.id} first (`learn check {exercise.id}`); "
                             "the solution opens after that")
        return exercise, exercise.solution_path.read_text(encoding="utf-8")

    def reset(self, name: str) -> Path:
        return self.workspace.restore_stub(self.code_step(name))

    def path(self, name: str | None) -> Path:
        path, _ = self.workspace.ensure_file(self.code_step(name))
        return path

    def code_step(self, name: str | None) -> Exercise:
        exercise = self.resolve(name)
        if exercise.is_quiz:
            raise LearnError(f"{exercise.id} is a quiz, with no file: run `learn quiz "
                             f"{exercise.id}`")
        return exercise

    def submit(self, out: Path | None = None) -> tuple[Path, int]:
        """`learn submit`: this learner's hand-in file (theirs only); returns it and its rows."""
        out = out or self.workspace.root / f"handin-{self.user}.db"
        return out, store.write_handin(self.connection, self.learner_id, out)

    def quiz(self, name: str | None, seed: int | None = None, origin: str = "local") -> QuizRun:
        from grader.grading.grade import new_seed  # see the module's docstring
        from grader.grading.quiz import draw_questions

        if name is not None and name.strip().isdigit():  # `learn quiz 3` means q03
            quizzes = [e for e in self.course if e.is_quiz]
            name = next((e.id for e in quizzes if int(name) == step_number(e.id)), name)
        exercise = self.resolve(name)
        if not exercise.is_quiz:
            raise LearnError(f"{exercise.id} is a code step: edit `learn path {exercise.id}` "
                             f"and run `learn check {exercise.id}`")
        seed = new_seed() if seed is None else seed
        return QuizRun(self, exercise, seed, draw_questions(exercise, seed), origin)

    # -- running the learner's code ----------------------------------------------------------

    def warm_children(self) -> ForkServers:
        """Children for many checks in a row (`learn watch`): each a fork of a template child
        that has numpy loaded, so a check costs a fork, not a Python start."""
        from grader.running.forkserver import ForkServers  # see the module's docstring
        from grader.running.isolation import Isolation

        return ForkServers(Isolation())

    def write_workbook(self, path: Path | None = None) -> tuple[Path, Path, list[str]]:
        """`learn notebook`: the workbook for `path` (default: in the workspace), where it was
        written (beside it if that one has edited cells), and the steps edited there."""
        from grader.learner.workbook import WORKBOOK, write_workbook  # see the module's docstring

        path = path or self.workspace.root / WORKBOOK
        return (path, *write_workbook(self.course, path))


@dataclass
class AnswerRecord:
    number: int
    text: str
    result: object  # grader.grading.quiz.Result


class QuizRun:
    """One pass through a quiz: every answer is stored as it is given, so an interrupted quiz
    keeps what was answered; `finish` sets the score and whether it passed."""

    def __init__(self, session: Session, exercise: Exercise, seed: int, questions: list,
                 origin: str = "local"):
        self.session = session
        self.origin = origin  # recorded with the attempt: "notebook" for %learn quiz
        self.exercise = exercise
        self.seed = seed
        self.questions = questions
        self.answers: dict[int, AnswerRecord] = {}
        self.attempt_id: str | None = None
        self.store_error: str | None = None
        self.started = time.monotonic()

    def _store(self, function, *args):
        if self.store_error is not None:
            return None
        try:
            return self.session._store_call(function, self.session.connection, *args)
        except StoreError as exc:
            self.store_error = str(exc)
            return None

    def answer(self, number: int, text: str, seconds: float = 0.0):
        """Grade the answer to question `number` (from 1) and store it, valid or not."""
        question = self.questions[number - 1]
        result = question.grade(text)
        if self.attempt_id is None:
            self.attempt_id = self._store(
                store.start_quiz, self.session.learner_id, self.exercise.id,
                self.exercise.content_hash, self.seed, len(self.questions), __version__,
                self.origin)
        if self.attempt_id is not None:
            self._store(store.record_answer, self.attempt_id, self.session.learner_id,
                        self.exercise.id, number, question.kind, self.seed, question.prompt,
                        text, result.valid, result.correct, result.misconception, seconds)
        if result.valid:
            self.answers[number] = AnswerRecord(number, text, result)
        return result

    @property
    def correct(self) -> int:
        return sum(a.result.correct for a in self.answers.values())

    @property
    def score(self) -> float:
        return self.correct / len(self.questions)

    @property
    def passed(self) -> bool:
        return self.score >= self.exercise.spec.pass_threshold

    def finish(self) -> None:
        if self.attempt_id is not None:
            self._store(store.finish_quiz, self.attempt_id, self.passed,
                        round((time.monotonic() - self.started) * 1000))

    def to_document(self) -> dict:
        """`learn quiz --json`."""
        answers = []
        for number, question in enumerate(self.questions, 1):
            given = self.answers.get(number)
            answers.append({
                "number": number, "kind": question.kind,
                "answer": given.text if given else None,
                "correct": bool(given and given.result.correct),
                "misconception": given.result.misconception if given else None,
                "message": given.result.message if given else None,
                "right_answer": question.right_answer(), "explanation": question.explanation,
            })
        return {"id": self.exercise.id, "seed": self.seed, "attempt_id": self.attempt_id,
                "passed": self.passed, "score": self.score, "correct": self.correct,
                "total": len(self.questions), "answers": answers,
                "recorded": self.store_error is None, "store_error": self.store_error}
