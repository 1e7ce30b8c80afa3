"""A regrade on a Dask cluster (`learn regrade --scheduler tcp://HOST:8786`; extra `cluster`).

Only a claim (the learner's code, the step, the seed, and their own files of the earlier steps
it imports) goes out; only a verdict comes back, without the code. Each worker grades with its
own installed course, in a sandbox it chooses itself with the instructor's --isolation,
--as-user and --require-sandbox, through fork servers of its own. Before anything is sent, every
worker must report the same course, grader, Python and numpy as the instructor's, and the same
isolation: otherwise the regrade is refused (results graded by different code are not one
regrade). See docs/cluster.md for Slurm and Kubernetes.
"""

from __future__ import annotations

import hashlib
import os
import platform
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from grader.errors import LearnError
from grader.spec import Course

_course: Course | None = None
_servers: dict = {}  # IsolationRequest -> this worker's ForkServers, made on a first grade
_made = threading.Lock()


@dataclass(frozen=True)
class IsolationRequest:
    """The instructor's choice, made again on each worker: its machine decides what runs."""

    mode: str = "auto"
    as_user: str | None = None
    require: bool = False


def fingerprint(course: Course) -> str:
    """What must be the same wherever a claim is graded: every step's files, the reference
    engine, the grader's version, Python's and numpy's."""
    import numpy

    from grader import __version__

    digest = hashlib.sha256()
    for part in (__version__, platform.python_version(), numpy.__version__):
        digest.update(part.encode() + b"\0")
    for exercise in course.exercises:
        digest.update(f"{exercise.id}:{exercise.content_hash}\0".encode())
    reference = Path(__file__).resolve().parent.parent / "reference"
    for path in sorted(reference.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def connect(address: str):
    """A client of the scheduler at `address`; a clear error without the extra."""
    try:
        from distributed import Client
    except ImportError:
        raise LearnError("--scheduler needs Dask's distributed: pip install "
                         "'learn-backprop[cluster]' (on the workers too)") from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise LearnError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def worker_report(request: IsolationRequest) -> dict:
    """Run on each worker: what it would grade with (or why it cannot)."""
    from grader.running.isolation import choose

    try:
        isolation = choose(request.mode, request.as_user)
    except LearnError as exc:
        return {"fingerprint": fingerprint(_worker_course()), "problem": str(exc)}
    if not isolation.sealed:  # graded code that reaches the network reaches the scheduler
        return {"fingerprint": fingerprint(_worker_course()),
                "problem": f"code would run {isolation.describe()}, with the network: "
                           "a cluster needs bubblewrap, or an account with namespaces"}
    return {"fingerprint": fingerprint(_worker_course()), "isolation": isolation.kind}


def check_workers(client, course: Course, request: IsolationRequest) -> str:
    """The isolation every worker grades with; LearnError naming the workers that differ."""
    reports = client.run(worker_report, request)
    if not reports:
        raise LearnError("the Dask cluster has no workers")
    ours = fingerprint(course)
    problems = [f"{worker}: {report['problem']}" for worker, report in reports.items()
                if "problem" in report]
    problems += [f"{worker}: a different course or grader installed (pip install the same "
                 "learn-backprop, exercises and numpy as here)"
                 for worker, report in reports.items() if report["fingerprint"] != ours]
    if problems:
        raise LearnError("refusing to regrade on this cluster: " + "; ".join(sorted(problems)))
    kinds = {report["isolation"] for report in reports.values()}
    if len(kinds) > 1:
        raise LearnError("the workers would grade with different isolations ("
                         + ", ".join(sorted(kinds)) + "); pass --isolation to insist on one")
    return kinds.pop()


def grade_remote(claim, code_of: dict, seed: int | None, request: IsolationRequest):
    """Run on a worker: one claim graded as `regrade` grades it here; the attempt comes back
    without its code (the instructor has it)."""
    from grader.regrade import grade_claim

    course = _worker_course()
    exercise = course.resolve(claim.exercise_id)
    passed, score, reason, record = grade_claim(course, exercise, claim, code_of,
                                                _worker_servers(request), seed)
    return passed, score, reason, replace(record, code=b"")


def _worker_course() -> Course:
    global _course
    with _made:
        if _course is None:
            _course = Course.load()
        return _course


def _worker_servers(request: IsolationRequest):
    with _made:
        if request not in _servers:
            from grader.running.forkserver import ForkServers
            from grader.running.isolation import choose

            isolation = choose(request.mode, request.as_user)
            _servers[request] = ForkServers(isolation, size=1 if isolation.rules.lock else
                                            (os.cpu_count() or 1))
        return _servers[request]
