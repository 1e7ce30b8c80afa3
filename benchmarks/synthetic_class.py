"""A synthetic class: N hand-in files as `learn submit` writes them, deterministic from a seed.

    python benchmarks/synthetic_class.py OUT_DIR [--learners 10000] [--seed 1] [--steps 25]
                                                  [--jobs N]

Each file is one learner's hand-in, `handin-s00042.db` for learner `s00042` (so
`learn merge --names-from-files` accepts it): the course's first `--steps` steps in ladder order
(code steps and the quizzes between them), each opened, a few attempts each (failures with the
step's real misconceptions or error kinds and a failing case, then usually a pass, sometimes a
re-check after it, sometimes none: stuck), hints on some code steps, quiz runs with an answer per
question drawn from the quiz's own questions (right, a known slip, or unreadable), a few of them
interrupted, and some attempts from a notebook. Times run forward per learner from a fixed date
in the past; ids, seeds and code vary per learner and attempt.

Fast path, equivalent to `store.write_handin`: the schema comes from one empty file made by
`store.connect` (migrated, the same schema version), copied per learner; the rows go in with the
columns and table order write_handin uses, the hand-in's rollups by `rollups.recompute`, in one
transaction without fsync (a scratch file; the bytes a merge reads are the same).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

START = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)  # the class's first day, safely in the past
QUIZ_SEEDS = 6  # questions drawn per quiz, reused across learners (drawing them is slow)
ERROR_KINDS = (("exception", "ZeroDivisionError: float division by zero (line 12)"),
               ("syntax", "invalid syntax (line 9)"),
               ("not_implemented", "the function is not written yet: replace the `raise "
                                   "NotImplementedError` with your code"),
               ("timeout", "took longer than 5 s: an endless loop?"))

ATTEMPT_COLUMNS = ("id", "learner_id", "exercise_id", "exercise_hash", "created_at",
                   "duration_ms", "seed", "passed", "score", "cases_total", "cases_passed",
                   "diagnosis", "diagnosis_message", "error_kind", "error_message",
                   "failing_case", "code_sha256", "code", "grader_version", "origin")
ANSWER_COLUMNS = ("id", "attempt_id", "learner_id", "quiz_id", "question_number",
                  "question_kind", "seed", "prompt", "answer", "valid", "correct",
                  "misconception", "seconds", "created_at")


def stamp(moment: datetime) -> str:
    """store.now()'s format."""
    return moment.isoformat(timespec="milliseconds")


def course_material(steps: int) -> list[dict]:
    """What the generator needs of the course's first `steps` steps, in ladder order."""
    from grader.course.spec import Course
    from grader.grading.quiz import draw_questions, slip_answers

    material = []
    for exercise in list(Course.load())[:steps]:
        spec = exercise.spec
        entry = {"id": exercise.id, "hash": exercise.content_hash, "quiz": exercise.is_quiz}
        if exercise.is_quiz:
            entry["threshold"] = spec.pass_threshold
            entry["draws"] = []
            for seed in range(QUIZ_SEEDS):
                drawn = []
                for question in draw_questions(exercise, seed):
                    drawn.append((question.kind, question.prompt, question.right_answer(),
                                  slip_answers(question)))
                entry["draws"].append((seed, drawn))
        else:
            entry["cases"] = spec.cases.count if spec.cases else 1
            entry["slips"] = [(m.name, m.message) for m in spec.misconceptions]
            entry["solution"] = exercise.solution_path.read_text()
            entry["starter"] = exercise.starter_path.read_text()
            entry["arguments"] = list(spec.arguments)
        material.append(entry)
    return material


def make_template(path: Path) -> Path:
    """An empty hand-in: the schema `store.connect` writes (every migration), no rows."""
    from grader.database import store

    store.connect(path).close()
    return path


class Learner:
    """One learner's rows, drawn from their own generator (seed, index)."""

    def __init__(self, index: int, seed: int, material: list[dict], version: str):
        self.rng = random.Random(f"{seed}:{index}")
        self.name = f"s{index:05d}"
        self.id = self.hex()
        self.material = material
        self.version = version
        self.skill = self.rng.uniform(0.3, 0.85)
        self.notebook = self.rng.random() < 0.15  # works in a notebook some of the time
        self.clock = START + timedelta(days=self.rng.uniform(0, 60),
                                       seconds=self.rng.uniform(0, 36_000))
        self.learners = [(self.id, self.name, self.rng.choice(("student", self.name, "lab")),
                          stamp(self.clock))]
        self.attempts: list[tuple] = []
        self.hints: list[tuple] = []
        self.answers: list[tuple] = []
        self.openings: list[tuple] = []

    def hex(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def tick(self, low: float, high: float) -> str:
        self.clock += timedelta(milliseconds=round(self.rng.uniform(low, high) * 1000))
        if self.rng.random() < 0.03:  # came back another day
            self.clock += timedelta(hours=self.rng.uniform(12, 72))
        return stamp(self.clock)

    def rows(self) -> Learner:
        for step in self.material:
            self.openings.append((self.id, step["id"], self.tick(5, 600)))
            if step["quiz"]:
                self.quiz(step)
            else:
                self.code_step(step)
        return self

    def code_step(self, step: dict) -> None:
        rng = self.rng
        if rng.random() < 0.25:
            for number in range(1, rng.randint(1, 3) + 1):
                self.hints.append((self.hex(), self.id, step["id"], number, self.tick(10, 120)))
        failures = 0
        while rng.random() > self.skill and failures < 8:
            failures += 1
        stuck = rng.random() < 0.04  # never passes
        if stuck:
            failures = max(failures, 3)
        for attempt in range(failures):
            self.check(step, passed=False, attempt=attempt)
        if not stuck:
            self.check(step, passed=True)
            if rng.random() < 0.12:  # a re-check after the pass, sometimes after tidying
                self.check(step, passed=rng.random() < 0.8)

    def code(self, step: dict, attempt: int) -> str:
        """The learner's file: the step's solution under their own first line."""
        return f"# {self.name}, {step['id']} try {attempt + 1}\n{step['solution']}"

    def check(self, step: dict, passed: bool, attempt: int = 0) -> None:
        rng = self.rng
        total = step["cases"]
        diagnosis = message = kind = error = failing = None
        right = total
        code = self.code(step, attempt)
        if not passed:
            roll = rng.random()
            if step["slips"] and roll < 0.6:
                diagnosis, message = rng.choice(step["slips"])
                right = 0
            elif roll < 0.85:
                right = rng.randrange(total)  # wrong values, no known slip
            else:
                kind, error = rng.choice(ERROR_KINDS)
                right = 0
                if kind == "not_implemented":
                    code = step["starter"]
            failing = self.failing_case(step, total, no_answer=kind is not None)
        origin = "notebook" if self.notebook and rng.random() < 0.5 else "local"
        self.attempts.append((
            self.hex(), self.id, step["id"], step["hash"], self.tick(20, 900),
            rng.randint(25, 400), rng.getrandbits(31), int(passed), right / total, total,
            right, diagnosis, message, kind, error, failing,
            hashlib.sha256(code.encode()).hexdigest(), code, self.version, origin))

    def failing_case(self, step: dict, total: int, no_answer: bool) -> str:
        """The first failing case as the store keeps it: FailingCase as JSON, with the case's
        parameters where a layered step's case has them (grader.grading.cases.case_parameters)."""
        from grader.grading.cases import BATCH_ARGUMENTS
        from grader.grading.verdict import FailingCase

        rng = self.rng
        arguments = step["arguments"]
        parameters = {}
        if any(a in BATCH_ARGUMENTS for a in arguments):
            parameters["batch"] = str(rng.choice((1, 4, 10)))
        if "activation" in arguments:
            parameters["activations"] = rng.choice(("sigmoid", "relu", "tanh"))
        case = {"index": rng.randrange(total),
                "inputs": {a: f"{rng.uniform(-3, 3):.6g}" for a in arguments[:3]},
                "expected": f"{rng.uniform(-3, 3):.6g}",
                "got": "(no answer)" if no_answer else f"{rng.uniform(-3, 3):.6g}",
                "problem": "no answer" if no_answer else "the result has wrong values",
                "kind": "no_answer" if no_answer else "value", "parameters": parameters}
        known = {f.name for f in dataclasses.fields(FailingCase)}
        return json.dumps(dataclasses.asdict(FailingCase(**{k: v for k, v in case.items()
                                                              if k in known})))

    def quiz(self, step: dict) -> None:
        rng = self.rng
        for _ in range(8):
            seed, questions = rng.choice(step["draws"])
            unfinished = rng.random() < 0.05
            answered = rng.randrange(len(questions)) if unfinished else len(questions)
            attempt_id, started = self.hex(), self.tick(20, 600)
            right = set()
            for number, (kind, prompt, answer, slips) in enumerate(questions[:answered], 1):
                roll = rng.random()
                if roll < self.skill + 0.1:
                    text, valid, correct, slip = answer, 1, 1, None
                    right.add(number)
                elif roll < 0.93 and slips:
                    text, slip = rng.choice(slips)
                    valid, correct = 1, 0
                else:
                    text, valid, correct, slip = rng.choice(("?", "idk", "")), 0, 0, None
                self.answers.append((self.hex(), attempt_id, self.id, step["id"], number, kind,
                                     seed, prompt, text, valid, correct, slip,
                                     round(rng.uniform(2, 90), 3), self.tick(2, 90)))
            score = len(right) / len(questions)
            passed = not unfinished and score >= step["threshold"]
            duration = round((self.clock - datetime.fromisoformat(started)).total_seconds() * 1000)
            self.attempts.append((
                attempt_id, self.id, step["id"], step["hash"], started,
                0 if unfinished else duration, seed, int(passed), score, len(questions),
                len(right), None, None, "unfinished" if unfinished else None, None, None, "", "",
                self.version, "local"))
            if passed or rng.random() < 0.3:  # some give up on a quiz they failed
                return


def write_handin(path: Path, template: Path, learner: Learner) -> int:
    """The hand-in file of one learner: write_handin's tables, columns and order, its rollups."""
    from grader.database import rollups

    shutil.copyfile(template, path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN IMMEDIATE")
        tables = (("learners", ("id", "name", "os_user", "created_at"), learner.learners),
                  ("attempts", ATTEMPT_COLUMNS,
                   sorted(learner.attempts, key=lambda row: row[4])),  # as the learner did
                  ("hints", ("id", "learner_id", "exercise_id", "hint_number", "shown_at"),
                   learner.hints),
                  ("quiz_answers", ANSWER_COLUMNS, learner.answers),
                  ("openings", ("learner_id", "exercise_id", "opened_at"), learner.openings))
        for table, columns, rows in tables:
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                             f"({', '.join('?' for _ in columns)})", rows)
        rollups.recompute(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return sum(len(rows) for _, _, rows in tables)


def _write_range(job: tuple) -> dict:
    out, template, seed, material, version, first, last = job
    counts = {"attempts": 0, "quiz_answers": 0, "hints": 0, "rows": 0}
    for index in range(first, last):
        learner = Learner(index, seed, material, version).rows()
        counts["rows"] += write_handin(Path(out) / f"handin-{learner.name}.db", Path(template),
                                       learner)
        counts["attempts"] += len(learner.attempts)
        counts["quiz_answers"] += len(learner.answers)
        counts["hints"] += len(learner.hints)
    return counts


def generate(out: Path, learners: int = 10_000, seed: int = 1, steps: int = 25,
             jobs: int | None = None) -> dict:
    """Write `learners` hand-in files into `out` (created; must hold no hand-ins yet); returns
    what was written: files, attempts, quiz_answers, hints, rows, seconds."""
    from grader import __version__

    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    if any(out.glob("handin-*.db")):
        raise SystemExit(f"{out} holds hand-ins already; choose an empty folder")
    material = course_material(steps)
    jobs = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="synthetic-template-") as scratch:
        template = make_template(Path(scratch) / "template.db")
        chunk = max(1, min(500, -(-learners // (jobs * 4))))
        work = [(str(out), str(template), seed, material, __version__, first,
                 min(first + chunk, learners)) for first in range(0, learners, chunk)]
        if jobs > 1 and len(work) > 1:
            from multiprocessing import get_context

            with get_context("fork" if sys.platform == "linux" else "spawn").Pool(jobs) as pool:
                parts = pool.map(_write_range, work)
        else:
            parts = [_write_range(job) for job in work]
    totals = {key: sum(p[key] for p in parts) for key in parts[0]} if parts else {}
    return {"files": learners, **totals, "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the hand-in files")
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=int, default=25, help="the ladder's first N steps")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: the cores)")
    args = parser.parse_args()
    made = generate(args.out, args.learners, args.seed, args.steps, args.jobs)
    print(f"{made['files']:,} hand-ins in {args.out}: {made['attempts']:,} attempts, "
          f"{made['quiz_answers']:,} quiz answers, {made['hints']:,} hints; "
          f"{made['seconds']:.1f} s")


if __name__ == "__main__":
    main()
