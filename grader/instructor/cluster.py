"""A regrade on a Dask cluster (`learn regrade --scheduler tls://HOST:8786`; extra `cluster`).

Only a claim (the learner's code, the step, the seed, and their own files of the earlier steps
it imports) goes out; only a verdict comes back, without the code. Each worker grades with its
own installed course, in a sandbox it chooses itself with the instructor's --isolation,
--as-user and --require-sandbox, through fork servers of its own. Before anything is sent, every
worker must report the same course, grader, Python and numpy as the instructor's, and the same
isolation: otherwise the regrade is refused (results graded by different code are not one
regrade). The scheduler is reached over mutual TLS, or plain tcp:// on loopback only unless
the instructor insists (scheduler_address). See docs/cluster.md for Slurm and Kubernetes.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import platform
import re
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy

from grader import __version__
from grader.course.spec import Course, Exercise
from grader.errors import LearnError
from grader.instructor.claim import Claim, grade_claim
from grader.running.forkserver import ForkServers
from grader.running.isolation import Isolation, choose

if TYPE_CHECKING:
    from distributed import Client
    from distributed.security import Security

# dask and distributed are an optional extra (`learn-backprop[cluster]`): imported where used.

_course: Course | None = None
_servers: dict = {}  # IsolationRequest -> this worker's ForkServers, made on a first grade
_made = threading.Lock()


@dataclass(frozen=True)
class IsolationRequest:
    """The instructor's choice of isolation, made by `choose` on the machine that grades: here
    (a regrade, `learn grade`), or again on each worker of a cluster, whose machine decides."""

    mode: str = "auto"  # --isolation: auto, bwrap, account or none
    as_user: str | None = None  # --as-user
    require: bool = False  # --require-sandbox

    def choose(self) -> Isolation:
        """The isolation this machine grades with, by the request's rules (LearnError if it
        has none that the request allows)."""
        return choose(self.mode, self.as_user, self.require)


@dataclass(frozen=True)
class Scheduler:
    """`--scheduler` and how to reach it, as the instructor gave them: checked by
    `scheduler_address` before anything connects."""

    address: str
    tls_ca_file: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    insecure: bool = False  # a plain tcp:// scheduler off loopback, allowed anyway


def fingerprint(course: Course) -> str:
    """What must be the same wherever a claim is graded: every step's files, the reference
    engine, the grader's version, Python's and numpy's."""
    digest = hashlib.sha256()
    for part in (__version__, platform.python_version(), numpy.__version__):
        digest.update(part.encode() + b"\0")
    for exercise in course.exercises:
        digest.update(f"{exercise.id}:{exercise.content_hash}\0".encode())
    reference = Path(__file__).resolve().parents[2] / "reference"
    for path in sorted(reference.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


ENCRYPTED = ("tls",)  # Dask's scheme with certificates checked at both ends
CONNECT_TIMEOUT = "10s"  # how long the client keeps trying (the tests shorten it)
# Where a tls:// scheduler's files come from when no option names them: Dask's own config.
DASK_TLS_CONFIG = {"--tls-ca-file": "distributed.comm.tls.ca-file",
                   "--tls-cert": "distributed.comm.tls.client.cert",
                   "--tls-key": "distributed.comm.tls.client.key"}


class SchedulerAddress(str):
    """A scheduler's address, checked by `scheduler_address`, carrying how to reach it: the
    `security` (a distributed.security.Security) to connect with, or None for Dask's default."""

    security: Security | None = None
    scheme: str = "tcp"


def scheduler_address(address: str, tls_ca_file: str | None = None,
                      tls_cert: str | None = None, tls_key: str | None = None,
                      insecure: bool = False) -> SchedulerAddress:
    """`address` checked before anything connects: a tls:// one with readable certificates
    (the options, else Dask's distributed.comm.tls config), a plain one only on loopback
    unless `insecure`. LearnError says what is wrong."""
    _distributed()
    import dask
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend
    from distributed.security import Security

    try:
        scheme, location = parse_address(address)
        get_backend(scheme)  # ValueError for a scheme Dask does not know
        host = "localhost" if scheme == "inproc" else parse_host_port(location, 8786)[0]
    except ValueError as exc:
        raise LearnError(f"--scheduler {address}: not a Dask address ({exc}); "
                         "e.g. tls://HOST:8786") from None
    given = {"--tls-ca-file": tls_ca_file, "--tls-cert": tls_cert, "--tls-key": tls_key}
    if scheme not in ENCRYPTED:
        if any(given.values()):
            raise LearnError(f"--tls-ca-file, --tls-cert and --tls-key need a tls:// scheduler "
                             f"address, not {address}")
        if not insecure and not is_loopback(host):
            raise LearnError(f"refusing {address}: over {scheme}:// the scheduler asks for no "
                             "certificate, so anyone who reaches it can run code on the workers "
                             "and forge verified results; use tls:// with --tls-ca-file, "
                             "--tls-cert and --tls-key (docs/cluster.md), or pass "
                             "--insecure-scheduler if only you can reach that network")
        checked = SchedulerAddress(address)
        checked.scheme = scheme
        return checked
    paths = {option: value or dask.config.get(DASK_TLS_CONFIG[option], None)
             for option, value in given.items()}
    missing = [option for option in ("--tls-ca-file", "--tls-cert") if not paths[option]]
    if missing:
        raise LearnError(f"a tls:// scheduler needs {' and '.join(missing)}: the cluster's CA "
                         "certificate and this machine's client certificate and key "
                         "(docs/cluster.md)")
    check_tls_files(paths["--tls-ca-file"], paths["--tls-cert"], paths["--tls-key"])
    checked = SchedulerAddress(address)
    checked.scheme = scheme
    checked.security = Security(tls_ca_file=paths["--tls-ca-file"],
                                tls_client_cert=paths["--tls-cert"],
                                tls_client_key=paths["--tls-key"], require_encryption=True)
    return checked


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 (or IPv4-mapped 127.x) or the name localhost; no name is looked up."""
    if host.rstrip(".").lower() == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def check_tls_files(ca_file: str, cert: str, key: str | None) -> None:
    """LearnError naming the option whose file cannot be read or used (not PEM, a key that
    is not the certificate's, an encrypted key); PEM text from Dask's config is left to Dask."""
    files = {"--tls-ca-file": ca_file, "--tls-cert": cert, "--tls-key": key}
    text = {}
    for option, path in files.items():
        if path is None or "\n" in path:
            continue
        try:
            text[option] = Path(path).read_bytes()
        except OSError as exc:
            raise LearnError(f"cannot read {option} {path}: {exc.strerror or exc}") from None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if "--tls-ca-file" in text:
        try:
            context.load_verify_locations(cafile=ca_file)
        except ssl.SSLError as exc:
            raise LearnError(f"--tls-ca-file {ca_file}: not a PEM certificate "
                             f"({exc.reason or exc})") from None
    if "--tls-cert" not in text or (key is not None and "--tls-key" not in text):
        return
    if key is None and b"PRIVATE KEY" not in text["--tls-cert"]:
        raise LearnError(f"--tls-cert {cert} holds no private key: pass --tls-key")
    try:
        context.load_cert_chain(cert, key, password=lambda: b"")  # never a passphrase prompt
    except ssl.SSLError as exc:
        named = f"--tls-cert {cert}" + (f" and --tls-key {key}" if key else "")
        raise LearnError(f"{named}: not a PEM certificate and its unencrypted private key "
                         f"({exc.reason or exc})") from None


def connect(address: str) -> Client:
    """A client of the scheduler at `address` (checked by `scheduler_address` unless it was);
    LearnError, one line, for every way of not getting one."""
    client_class = _distributed().Client
    checked = address if isinstance(address, SchedulerAddress) else scheduler_address(address)
    try:
        return client_class(str(checked), security=checked.security, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, RuntimeError, ValueError) as exc:
        raise LearnError(f"cannot reach the Dask scheduler at {address}: "
                         f"{_why(exc, checked.scheme)}") from None


def _why(exc: BaseException, scheme: str) -> str:
    """One line: what Dask said (the TLS error under it, if any) and what it likely means."""
    chain = [exc]
    while chain[-1].__cause__ is not None and len(chain) < 10:
        chain.append(chain[-1].__cause__)
    tls = [c for c in chain if isinstance(c, ssl.SSLError)]
    parts: list[str] = []
    for text in [str(tls[-1])] if tls else [str(c) for c in chain if str(c)]:
        if not any(text in part for part in parts):
            parts.append(text)
    parts = parts or [type(exc).__name__]
    said = re.sub(r"in <[^>]*>: ", "", " ".join("; ".join(parts).split()))
    for marks, meaning in _MEANINGS:
        if any(mark in said for mark in marks) and not (marks == _PLAIN and scheme in ENCRYPTED):
            return f"{said} ({meaning})"
    return said


_PLAIN = ("reset by peer", "Stream is closed", "CommClosedError")
_MEANINGS = [
    (("CERTIFICATE_VERIFY_FAILED",), "the scheduler's certificate is not signed by the CA "
     "of --tls-ca-file"),
    (("UNKNOWN_CA", "BAD_CERTIFICATE", "CERTIFICATE_REQUIRED", "CERTIFICATE_UNKNOWN"),
     "the scheduler does not accept --tls-cert: it is not signed by the cluster's CA"),
    (("EOF occurred",), "the scheduler hung up: is --tls-cert signed by the cluster's CA, "
     "and was the scheduler started with --tls-* options?"),
    (("WRONG_VERSION_NUMBER", "cannot convert to SSL"),
     "does the scheduler speak TLS? It was started without --tls-* options, or this is not "
     "its port"),
    (_PLAIN, "if the scheduler was started with TLS, its address is tls://HOST:PORT"),
    (("Timed out",), "is the scheduler running, and is this its address and port?"),
]


def _distributed() -> ModuleType:
    """Dask's distributed, or LearnError saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise LearnError("--scheduler needs Dask's distributed: pip install "
                         "'learn-backprop[cluster]' (on the workers too)") from None
    return distributed


def worker_report(request: IsolationRequest) -> dict:
    """Run on each worker: what it would grade with (or why it cannot)."""
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


@contextmanager
def on_cluster(scheduler: Scheduler, course: Course,
               request: IsolationRequest) -> Iterator[OnCluster]:
    """The cluster a regrade grades on: its address checked, then reached, then each worker
    checked (`check_workers`); LearnError, one line, for each way of refusing it."""
    address = scheduler_address(scheduler.address, scheduler.tls_ca_file, scheduler.tls_cert,
                                scheduler.tls_key, scheduler.insecure)
    client = connect(address)
    try:
        yield OnCluster(client, address, request, check_workers(client, course, request))
    finally:
        client.close()


@dataclass
class OnCluster:
    """The claims' code graded on the workers of a Dask cluster, each in the isolation `kind`
    it chose by `request` on its own machine."""

    client: Client
    address: str
    request: IsolationRequest
    kind: str

    def describe(self, ran_code: bool) -> str:
        if not ran_code:
            return f"on the Dask cluster at {self.address}, with no code to run"
        account = self.request.as_user if self.kind != "none" else None
        return (f"on the Dask cluster at {self.address}, "
                f"code run {Isolation(self.kind, account).describe()}")

    def grade(self, course: Course, code: list[tuple[Claim, Exercise]], code_of: dict,
              seed: int | None, record: Callable) -> None:
        """Send each claim to a worker and `record(claim, outcome)` what comes back, in this
        thread; a verdict on other code than the claim's is refused."""
        from distributed import as_completed

        # Each learner's own files of other steps go with their claims: an earlier step their
        # file imports is their code. Grouped once: a scan of every code per claim is quadratic.
        own: dict[str, dict] = {}
        for key, text in code_of.items():
            own.setdefault(key[0], {})[key] = text
        futures = {self.client.submit(grade_remote, claim, own[claim.learner_id], seed,
                                      self.request, pure=False): claim for claim, _ in code}
        try:
            for future in as_completed(futures):
                claim = futures[future]
                passed, score, reason, attempt = future.result()
                source = claim.code.encode("utf-8")
                if attempt.code_sha256 != hashlib.sha256(source).hexdigest():
                    raise LearnError(f"a worker graded other code than {claim.learner}'s "
                                     f"{claim.exercise_id}")
                record(claim, (passed, score, reason, replace(attempt, code=source)))
        finally:
            self.client.cancel(list(futures))  # Ctrl-C: nothing left running on the cluster


def grade_remote(claim, code_of: dict, seed: int | None, request: IsolationRequest):
    """Run on a worker: one claim graded as `regrade` grades it here; the attempt comes back
    without its code (the instructor has it)."""
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
            isolation = choose(request.mode, request.as_user)
            _servers[request] = ForkServers(isolation, size=1 if isolation.rules.lock else
                                            (os.cpu_count() or 1))
        return _servers[request]
