"""One claim (what a learner submitted for a step) and grading it again in a child: the piece
the regrade here (grader/instructor/regrade.py) and a Dask cluster's workers (cluster.py) both
run, so a claim is graded the same wherever it goes."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.course.spec import Course, Exercise
from grader.database import store
from grader.grading.grade import grade_fault, grade_file
from grader.running.forkserver import ForkServers
from grader.running.runner import GraderFault


@dataclass
class Claim:
    """What one learner submitted for one step: the attempt to grade again."""

    learner_id: str
    learner: str
    exercise_id: str
    attempt_id: str
    claimed: bool  # any attempt of theirs at this step said it passed
    code: str
    submitted_at: str
    seed: int

    @property
    def code_sha256(self) -> str:
        """What a verified row says was graded: the submitted text, whatever became of it."""
        return hashlib.sha256(self.code.encode("utf-8", errors="replace")).hexdigest()


def claim_seed(seed: int, claim: Claim) -> int:
    """A claim's own seed in a regrade seeded with `seed`: the same wherever it is graded."""
    digest = hashlib.sha256(f"{seed}:{claim.learner}:{claim.exercise_id}".encode())
    return int.from_bytes(digest.digest()[:4], "little")


NOT_GRADED = "not_graded"


def grade_claim(course: Course, exercise: Exercise, claim: Claim, code_of: dict,
                servers: ForkServers, seed: int | None = None):
    """(passed, score, reason, attempt) for one claim, graded in a child of `servers`. A grade
    the grader could not finish (a template gone, no process or disk) is tried once more; if it
    fails again the attempt's error kind is "not_graded" and nothing of it is recorded."""
    outcome = _grade_claim_once(course, exercise, claim, code_of, servers, seed)
    if outcome[3].error_kind == NOT_GRADED:
        outcome = _grade_claim_once(course, exercise, claim, code_of, servers, seed)
    return outcome


def _grade_claim_once(course: Course, exercise: Exercise, claim: Claim, code_of: dict,
                      servers: ForkServers, seed: int | None):
    with tempfile.TemporaryDirectory(prefix="learn-regrade-") as scratch:
        folder = Path(scratch)
        path = folder / exercise.learner_filename
        path.write_text(claim.code, encoding="utf-8")

        def own_file(used: Exercise) -> Path:
            own = folder / used.learner_filename
            own.write_text(code_of.get((claim.learner_id, used.id), ""), encoding="utf-8")
            return own

        provided = course.provided_modules(exercise, own_file)
        claim_seeded = None if seed is None else claim_seed(seed, claim)
        try:
            with servers.child() as child:
                verdict, source = grade_file(exercise, path, provided=provided, child=child,
                                             seed=claim_seeded)
        except GraderFault as exc:  # no child to be had: a template that would not start
            verdict, source = grade_fault(exercise, claim_seeded, str(exc)), b""
    record = store.AttemptRecord.from_verdict(claim.learner_id, exercise, verdict, source,
                                              origin="regrade")
    return verdict.passed, verdict.score, verdict.reason, record
