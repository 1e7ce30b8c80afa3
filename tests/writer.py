"""Test helper: record attempts forever, printing each id once its transaction committed."""

import sys
from pathlib import Path

from grader.database import store

conn = store.connect(Path(sys.argv[1]))
learner = store.learner_id(conn, "writer", "lab")
while True:
    attempt = store.record_attempt(conn, store.AttemptRecord(
        learner_id=learner, exercise_id="ex01", exercise_hash="h", seed=1, passed=False,
        score=0.0, cases_total=1, cases_passed=0, duration_ms=1, diagnosis=None,
        diagnosis_message=None, error_kind=None, error_message=None, failing_case=None,
        code=b"x" * 5000, code_sha256="x", grader_version="t"))
    print(attempt, flush=True)
