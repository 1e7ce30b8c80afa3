"""The trusted regrade: every claim a class database holds, graded again here.

For each (learner, step) with any attempt of the learner's own, the code they submitted (the
best attempt that claimed a pass, else the latest; attempts made before the step's deadline
first) runs again with fresh seeds in the sandbox `grader.running` chose, and a quiz's stored
answers are marked again against its re-drawn questions. Each result is a `verified` row that
names the isolation that graded it and when the graded work was submitted, beside an attempt
of origin 'regrade'. A claimed pass with empty or missing code is graded like any other
claim, so it ends as a verified fail.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from grader import __version__
from grader.course import coursefile
from grader.course.coursefile import CourseFile
from grader.course.spec import Course, Exercise
from grader.database import rollups, store
from grader.errors import LearnError
from grader.grading.quiz import draw_questions
from grader.instructor.claim import NOT_GRADED, Claim, grade_claim
from grader.instructor.cluster import IsolationRequest, OnCluster, Scheduler, on_cluster
from grader.running.forkserver import ForkServers


@dataclass
class RegradeResult:
    learner: str
    exercise_id: str
    claimed: bool
    passed: bool
    score: float
    reason: str
    isolation: str
    graded: bool = True  # False: the grader could not finish it (not recorded; the next run
    #                      tries again)


def claims(conn: sqlite3.Connection, learner: str | None = None,
           course_file: CourseFile | None = None) -> list[Claim]:
    """One claim per (learner, step) with any finished attempt of the learner's own."""
    course_file = course_file or CourseFile()
    query = ("SELECT a.learner_id, l.name, a.exercise_id, a.id, a.passed, coalesce(a.code, ''), "
             "a.created_at, coalesce(a.seed, 0), a.score FROM attempts a JOIN learners l "
             f"ON l.id = a.learner_id WHERE {rollups.by_learner('a.origin')} "
             "AND a.error_kind IS NOT 'unfinished'")
    parameters: tuple = ()
    if learner:
        query += " AND l.name = ?"
        parameters = (learner,)
    best: dict[tuple[str, str], tuple] = {}
    for row in conn.execute(query, parameters):
        learner_id, _, exercise_id, _, passed, _, created_at, _, score = row
        key = (learner_id, exercise_id)
        # The most credit the work would earn if its claim holds (a late pass can beat an
        # on-time fail), then a claimed pass, then the latest.
        learner_name = row[1]
        claimed_score = 1.0 if passed else (score or 0.0)
        credit, _ = course_file.credit(exercise_id, learner_name, created_at, claimed_score,
                                       course_file.late_days_for(learner_name))
        rank = (credit, bool(passed), created_at)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, row)
    found = []
    for _, row in best.values():
        learner_id, name, exercise_id, attempt_id, passed, code, created_at, seed, _ = row
        # Claimed: the attempt graded claimed a pass (a forged pass is one that does not verify).
        found.append(Claim(learner_id, name, exercise_id, attempt_id, bool(passed), code,
                           created_at, seed))
    return sorted(found, key=lambda c: (c.learner, c.exercise_id))


@dataclass
class RegradeRun:
    results: list[RegradeResult]
    skipped: int  # claims already verified, unchanged, with this isolation (not graded again)
    how: str = ""  # where and how the code ran, as a phrase: "code run in ..., 2 at a time"

    @property
    def forged(self) -> int:
        """Claimed passes that did not verify."""
        return sum(r.claimed and not r.passed and r.graded for r in self.results)

    @property
    def not_graded(self) -> list[RegradeResult]:
        return [r for r in self.results if not r.graded]


def already_verified(conn: sqlite3.Connection, claim: Claim, how: str) -> bool:
    """The claim's work was verified before, as submitted now, with the same isolation."""
    row = conn.execute("SELECT code_sha256, submitted_at, isolation FROM verified "
                       "WHERE learner_id = ? AND exercise_id = ?",
                       (claim.learner_id, claim.exercise_id)).fetchone()
    return row is not None and tuple(row) == (claim.code_sha256, claim.submitted_at, how)


@dataclass(frozen=True)
class RegradeOptions:
    """What `learn regrade` is asked, from grader/cli.py through grader.instructor.classroom to
    here."""

    isolation: IsolationRequest = IsolationRequest()  # chosen here, or by each worker
    learner: str | None = None  # only this learner's claims
    course_file: Path | None = None  # course.toml: deadlines decide which code is graded
    jobs: int | None = None  # children at once (None: the cores; an account runs one)
    again: bool = False  # grade again what was verified before, unchanged
    seed: int | None = None  # each claim's seed derived from it: a regrade repeated exactly
    scheduler: Scheduler | None = None  # grade on this Dask cluster (grader.instructor.cluster)


class Here:
    """The claims' code graded on this machine: each grade a fork of a warm template (one per
    job) in the chosen sandbox rather than a fresh interpreter, `jobs` at once."""

    def __init__(self, servers: ForkServers, jobs: int) -> None:
        self.servers, self.jobs = servers, jobs
        self.kind = servers.isolation.kind  # the isolation each verified row names

    def describe(self, ran_code: bool) -> str:
        return f"code run {self.servers.isolation.describe()}, {self.jobs} at a time"

    def grade(self, course: Course, code: list[tuple[Claim, Exercise]], code_of: dict,
              seed: int | None, record: Callable) -> None:
        """Grade each claim and `record(claim, outcome)` it, in this thread."""
        if self.jobs <= 1:
            for claim, exercise in code:
                record(claim, grade_claim(course, exercise, claim, code_of, self.servers, seed))
            return
        pool = ThreadPoolExecutor(max_workers=self.jobs)
        try:
            futures = {pool.submit(grade_claim, course, exercise, claim, code_of, self.servers,
                                   seed): claim for claim, exercise in code}
            for future in as_completed(futures):
                record(futures[future], future.result())
        finally:
            # Ctrl-C: the grades not started are dropped, those running finish (their
            # children have time limits); everything recorded so far stays.
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def grading_place(course: Course, options: RegradeOptions) -> Iterator[Here | OnCluster]:
    """Where the claims' code is graded: here, in the sandbox chosen by `options.isolation`, or
    on the workers of `options.scheduler` (grader.instructor.cluster). Settled before anything is
    read,
    so that a refusal (no sandbox, a scheduler not to trust, workers that differ) comes first."""
    if options.scheduler is not None:
        with on_cluster(options.scheduler, course, options.isolation) as place:
            yield place
        return
    isolation = options.isolation.choose()
    jobs = options.jobs or (1 if isolation.kind == "account" else os.cpu_count() or 1)
    with ForkServers(isolation, size=jobs) as servers:
        yield Here(servers, jobs)


def regrade(conn: sqlite3.Connection, course: Course, options: RegradeOptions,
            done: Callable[[RegradeResult, int, int], None] | None = None,
            place: Here | OnCluster | None = None) -> RegradeRun:
    """Grade every claim again and record the verified results. Only this thread writes the
    database, one transaction a result, so an interrupted regrade keeps what it finished. A
    claim verified before, unchanged, with the same isolation is skipped unless
    `options.again`: a rerun continues where one stopped. `done(result, finished, total)` hears
    of each result as it is recorded. The code is graded at `place` (default: `grading_place`)."""
    if place is None:
        with grading_place(course, options) as place:
            return regrade(conn, course, options, done, place)
    every = claims(conn, options.learner, coursefile.load(options.course_file))
    if options.learner and not every:
        raise LearnError(f"no attempts of a learner called '{options.learner}' in this database")
    todo, skipped = [], 0
    for claim in every:
        try:
            exercise = course.resolve(claim.exercise_id)
        except LearnError:
            continue  # a step this course does not have: listed as unverified by exports
        if not options.again and already_verified(conn, claim, "answers" if exercise.is_quiz
                                                  else place.kind):
            skipped += 1
            continue
        todo.append((claim, exercise))
    results: list[RegradeResult] = []
    code = [(c, e) for c, e in todo if not e.is_quiz]
    # A commit a second or every 64 results, not one each; leaving (Ctrl-C included)
    # commits what is pending, so every result recorded so far is kept.
    with store.Batched(conn) as batch:

        def record(claim: Claim, outcome, how: str) -> None:
            results.append(_record(conn, batch, claim, outcome, how))
            if done is not None:
                done(results[-1], len(results), len(todo))

        for claim, exercise in todo:  # quizzes first, marked here: no learner code runs
            if exercise.is_quiz:
                record(claim, remark_quiz(conn, exercise, claim), "answers")
        if code:
            code_of = {(c.learner_id, c.exercise_id): c.code for c in every}
            place.grade(course, code, code_of, options.seed,
                        lambda claim, outcome: record(claim, outcome, place.kind))
    return RegradeRun(results, skipped, place.describe(bool(code)))


def _record(conn: sqlite3.Connection, batch: store.Batched, claim: Claim, outcome,
            how: str) -> RegradeResult:
    """One claim's verified row, beside its attempt of origin 'regrade'; nothing for a grade
    the grader could not finish (the next run tries again)."""
    passed, score, reason, attempt = outcome
    if attempt.error_kind == NOT_GRADED:  # the grader's fault: nothing is recorded
        return RegradeResult(claim.learner, claim.exercise_id, claim.claimed, False, 0.0,
                             reason, how, graded=False)
    with batch.item():
        attempt_id = store.insert_attempt(conn, attempt)
        conn.execute(
            "INSERT INTO verified (learner_id, exercise_id, attempt_id, passed, score, "
            "code_sha256, regraded_at, isolation, submitted_at, claimed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "attempt_id = excluded.attempt_id, passed = excluded.passed, "
            "score = excluded.score, code_sha256 = excluded.code_sha256, "
            "regraded_at = excluded.regraded_at, isolation = excluded.isolation, "
            "submitted_at = excluded.submitted_at, claimed = excluded.claimed",
            (claim.learner_id, claim.exercise_id, attempt_id, int(passed), score,
             claim.code_sha256, store.now(), how, claim.submitted_at, int(claim.claimed)))
        rollups.roll_up_verified(conn, claim.learner_id)
    return RegradeResult(claim.learner, claim.exercise_id, claim.claimed, passed, score,
                         reason, how)


def remark_quiz(conn: sqlite3.Connection, exercise: Exercise, claim: Claim):
    """Mark the stored answers of the claimed quiz run again: the questions are re-drawn from
    its seed, and an answer counts only where its stored prompt is the one drawn (a forged or
    outdated row does not)."""
    started = time.monotonic()
    questions = draw_questions(exercise, claim.seed)
    answers: dict[int, tuple[str, str]] = {}
    for number, prompt, answer in conn.execute(
            "SELECT question_number, prompt, answer FROM quiz_answers WHERE attempt_id = ? "
            "AND valid = 1 ORDER BY created_at, id", (claim.attempt_id,)):
        answers[number] = (prompt, answer)
    correct = 0
    for number, question in enumerate(questions, 1):
        if number in answers and answers[number][0] == question.prompt:
            try:
                correct += bool(question.grade(answers[number][1]).correct)
            except Exception:  # a stored answer no parser can read is wrong, never a crash
                pass
    total = len(questions)
    score = correct / total if total else 0.0
    passed = total > 0 and score >= exercise.spec.pass_threshold
    reason = "" if passed else f"{correct} of {total} stored answers right"
    record = store.AttemptRecord(
        learner_id=claim.learner_id, exercise_id=exercise.id,
        exercise_hash=exercise.content_hash, seed=claim.seed, passed=passed, score=score,
        cases_total=total, cases_passed=correct,
        duration_ms=round((time.monotonic() - started) * 1000), diagnosis=None,
        diagnosis_message=None, error_kind=None, error_message=reason or None,
        failing_case=None, code=b"", code_sha256=hashlib.sha256(b"").hexdigest(),
        grader_version=__version__, origin="regrade")
    return passed, score, reason, record
