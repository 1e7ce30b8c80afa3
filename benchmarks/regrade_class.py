"""A class database to regrade: each learner's submission for each step is the step's solution,
its starter, or one of its known slips (tests/fixtures/wrong), stored as a merged hand-in
stores it. Used by benchmarks/run.py (regrade throughput) and tests/test_cluster.py."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRONG = ROOT / "tests" / "fixtures" / "wrong"
STEPS = ("ex01", "ex04", "ex16", "ex19")


def class_database(path: Path, learners: int = 6, steps: tuple[str, ...] = STEPS) -> int:
    """Write the class to `path`; returns the number of submissions (learners x steps)."""
    from grader.course.spec import Course
    from grader.database import store

    course = Course.load()
    conn = store.connect(path)
    store.migrate(conn, path)
    for n in range(learners):
        learner = store.learner_id(conn, f"learner{n}", f"user{n}")
        for k, step in enumerate(steps):
            exercise = course.resolve(step)
            slips = sorted((WRONG / step).glob("*.py")) if (WRONG / step).is_dir() else []
            choice = (n + k) % 3
            if choice == 0 or not slips and choice == 2:
                source = exercise.solution_path
            elif choice == 1:
                source = exercise.folder / "starter.py"
            else:
                source = slips[n % len(slips)]
            code = source.read_bytes()
            store.record_attempt(conn, store.AttemptRecord(
                learner_id=learner, exercise_id=exercise.id,
                exercise_hash=exercise.content_hash, seed=n, passed=choice == 0, score=1.0,
                cases_total=1, cases_passed=1, duration_ms=1, diagnosis=None,
                diagnosis_message=None, error_kind=None, error_message=None, failing_case=None,
                code=code, code_sha256="x", grader_version="benchmark"))
    conn.close()
    return learners * len(steps)
