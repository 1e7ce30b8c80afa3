"""The parent's side of one grade: a `Child` hands a job to a learner's process, keeps the time
limit and reads its plain results back.

A child is composed from a launcher: `FreshLauncher` starts an interpreter (inside the chosen
isolation) per grade, `forkserver.ForkServer` forks one from a warm template. Either way the
child runs `child.py`'s `grade` with `python -I`, a minimal environment, one BLAS thread, its own
process group and resource limits set before any learner import; this module imports no numpy,
so `learn check` can start the child before the parent loads numpy too.

The parent writes only into `job/` (the child script, the learner's source, each round's
inputs; read-only to the child); the child's results come back on the control pipe, one frame a
round, read under a size cap and parsed by `child.read_frame`, which checks every array's size
before it is built. The child's stdout and stderr go to files only the parent can reach.

A fault of the grader (a template gone, no process or disk to start with) raises `GraderFault`
or sets `ChildRun.grader_fault`: such a grade is "not graded", never the learner's fail.
"""

from __future__ import annotations

import errno
import json
import os
import select
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader.running import child as child_module
from grader.running.accounts import lock_for
from grader.running.isolation import TEMP_PREFIX, Isolation, child_environment, work_root

CHILD_SCRIPT = Path(child_module.__file__)
OUTPUT_CAP_BYTES = 64 * 1024 * 1024  # the learner's prints and files: capped by RLIMIT_FSIZE
RESULT_CAP_BYTES = OUTPUT_CAP_BYTES  # one round's results frame, read back by the parent
SHOWN_OUTPUT_CHARS = 1500
START_ALLOWANCE_SECONDS = 1.0  # numpy may still be loading when the job is sent
PROCESSES = 64  # RLIMIT_NPROC of a grade (its own uid or user namespace): a fork bomb stays small


def isolation_available() -> bool:
    return os.name == "posix"


class GraderFault(Exception):
    """The grader could not run the grade (no process, no disk, a template gone): the grade is
    "not graded", to be tried again, never the learner's fail."""


class TamperedFolder(Exception):
    """The child put something where the parent was about to write."""


@dataclass
class ChildRun:
    """What came back from one child: parsed status (None when it wrote none) and arrays."""

    status: child_module.RoundStatus | None
    outputs: dict  # "c{case}|{path}" -> numpy array
    returncode: int | None
    timed_out: bool
    seconds: float
    stdout: str = ""
    stderr: str = ""
    output_truncated: bool = False
    signal_name: str | None = field(default=None)
    unreadable: str | None = None  # why the results could not be read back
    grader_fault: str | None = None  # why the grader could not finish: not graded


class FreshLauncher:
    """An interpreter started per grade, inside `isolation`."""

    fresh = True

    def __init__(self, isolation: Isolation | None = None) -> None:
        self.isolation = isolation or Isolation()

    def folders(self, name: str) -> tuple[Path, Path, Path]:
        """(private folder, job folder, out folder) of a new child."""
        remove_stale_folders()
        workdir = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-",
                                        dir=work_root(self.isolation)))
        if self.isolation.owner() is not None:  # an account must pass through to its folders
            os.chmod(workdir, 0o755)
        return workdir, workdir / "job", workdir / "out"

    def start(self, child: Child, control_end: int) -> FreshProcess:
        return FreshProcess(self.isolation, child, control_end)


class FreshProcess:
    """A fresh child's process: bwrap, the account's launcher or Python itself."""

    fault: str | None = None  # (a fresh child's end is never the grader's fault it reports)

    def __init__(self, isolation: Isolation, child: Child, control_end: int) -> None:
        self.isolation = isolation
        self._lock = lock_for(isolation)
        if self._lock is not None:  # held until its processes are ended
            self._lock.acquire()
        try:
            self.popen = subprocess.Popen(
                isolation.command(child.job, child.out, control_end),
                stdin=subprocess.PIPE, stdout=child.stdout, stderr=child.stderr,
                cwd=child.out, env=child_environment(child.out), pass_fds=(control_end,),
                start_new_session=True,  # its own process group, so a time-out kills everything
                **isolation.popen_options())
        except OSError as exc:
            self._release()
            raise GraderFault(f"the grader could not start Python ({exc.strerror})") from None
        self.stdin = self.popen.stdin

    @property
    def returncode(self) -> int | None:
        return self.popen.returncode

    def wait(self, timeout: float | None) -> int | None:
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def end(self) -> None:
        """Kill it and everything it started; then the isolation's own cleanup."""
        kill_group(self.popen.pid)
        self.popen.wait()
        try:
            self.isolation.after_grade()
        finally:
            self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class Child:
    """One learner run. Create it first (it starts loading at once), then `run` round 0 and,
    for shrinking, further rounds on the same imported function; `close` ends it. Its one
    owner closes it (a `with` block)."""

    def __init__(self, launcher: FreshLauncher | None = None) -> None:
        self.launcher = launcher or FreshLauncher()
        self.isolation = self.launcher.isolation
        self._pending = b""
        self._closed = self._ended = False
        self.deadline: float | None = None
        self.workdir, self.job, self.out = self.launcher.folders(os.urandom(8).hex())
        try:
            self._made = [self.workdir]
            self.job.mkdir()
            self._made.append(self.job)
            if self.out is not None:
                self.out.mkdir(mode=0o700)
                owner = self.isolation.owner()
                if owner is not None:
                    os.chmod(self.job, 0o755)
                    os.chown(self.out, *owner)
            elif self.isolation.owner() is not None:
                os.chmod(self.job, 0o755)
            self.stdout = open(self.workdir / "stdout.txt", "w+b")  # noqa: SIM115 - in close
            self.stderr = open(self.workdir / "stderr.txt", "w+b")  # noqa: SIM115
            self._write(CHILD_SCRIPT.read_bytes(), "child.py")
            self._control, control_end = os.pipe()
        except OSError as exc:
            self._remove_folders()
            raise GraderFault(f"the grader could not prepare the grade ({exc.strerror})") \
                from None
        try:
            self.process = self.launcher.start(self, control_end)
        except BaseException:
            os.close(self._control)
            self._remove_folders()
            raise
        finally:
            os.close(control_end)

    def _write(self, data: bytes, name: str) -> None:
        """A new file in the job folder; never through a link or over a file already there."""
        try:
            fd = os.open(self.job / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                         | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            if exc.errno in (errno.EEXIST, errno.ELOOP):
                raise TamperedFolder(f"something was already at {name}") from None
            raise GraderFault(f"the grader could not write the job ({exc.strerror})") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise GraderFault(f"the grader could not write the job ({exc.strerror})") from None

    def write_round(self, number: int, arrays: dict) -> None:
        self._write(child_module.encode_frame({}, arrays), f"inputs_{number}.bin")

    def write_source(self, source: bytes, name: str = child_module.SUBMISSION_FILE) -> None:
        self._write(source, name)

    def run(self, job: dict, time_limit: float, memory_mb: int,
            meanwhile: Callable[[], None] | None = None) -> ChildRun:
        """Round 0. The child sets these limits before it imports the learner's file; the
        time limit covers this round and any later ones. `meanwhile` runs here once the job
        is sent, while the child works (the reference's answers, on the other core)."""
        limits = {
            "memory_bytes": memory_mb * 1024 * 1024,
            "file_bytes": OUTPUT_CAP_BYTES,
            "cpu_seconds": int(time_limit + START_ALLOWANCE_SECONDS) + 2,
            "processes": PROCESSES if self.isolation.kind != "none" else None,
        }
        job = dict(job, round=0, limits=limits)
        self.deadline = time.monotonic() + time_limit + START_ALLOWANCE_SECONDS
        return self._round(job, meanwhile)

    def run_more(self, number: int, inputs: list) -> ChildRun:
        return self._round({"round": number, "inputs": inputs})

    def _round(self, message: dict, meanwhile: Callable[[], None] | None = None) -> ChildRun:
        started = time.monotonic()
        try:
            self.process.stdin.write((json.dumps(message) + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # it died; the exit code tells
        if meanwhile is not None:
            meanwhile()
        outcome, frame = self._wait_for(message["round"])
        if outcome == "exited":
            self.process.wait(2)  # the pipe closed as it exited; reap it
        if outcome != "done":
            self._end()
        return self._collect(outcome, frame, time.monotonic() - started)

    def _wait_for(self, number: int) -> tuple[str, bytes | None]:
        """("done", frame) once the child sent round `number`'s results, else ("exited" |
        "timeout" | "garbled", None). A frame is a line "N LENGTH" then LENGTH bytes."""
        while True:
            header, newline, rest = self._pending.partition(b"\n")
            if newline:
                parts = header.split()
                if (len(parts) != 2 or parts[0] != str(number).encode()
                        or not parts[1].isdigit() or int(parts[1]) > RESULT_CAP_BYTES):
                    return "garbled", None
                if len(rest) >= int(parts[1]):
                    length = int(parts[1])
                    self._pending = rest[length:]
                    return "done", rest[:length]
            elif len(self._pending) > 64:
                return "garbled", None
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                return "timeout", None
            ready, _, _ = select.select([self._control], [], [], remaining)
            if not ready:
                return "timeout", None
            chunk = os.read(self._control, 1 << 20)
            if not chunk:
                return "exited", None  # the pipe closed: the child (and all its group) is gone
            self._pending += chunk

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            self.process.end()

    def _collect(self, outcome: str, frame: bytes | None, seconds: float) -> ChildRun:
        stdout, cut_out = _read_capped(self.stdout)
        stderr, cut_err = _read_capped(self.stderr)
        status, outputs, unreadable = None, {}, None
        if outcome == "garbled":
            unreadable = "the results did not follow the grader's protocol"
        if frame is not None:
            try:
                status, outputs = child_module.read_frame(frame, RESULT_CAP_BYTES)
            except (child_module.FrameError, MemoryError) as exc:
                unreadable = str(exc) or "out of memory"
            if status is not None and not isinstance(status, dict):
                status, outputs, unreadable = None, {}, "its status is not a JSON object"
        code = self.isolation.exit_code(self.process.returncode, self.launcher.fresh)
        name = None
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
        return ChildRun(status, outputs, code, outcome == "timeout", seconds, stdout, stderr,
                        cut_out or cut_err, name, unreadable, self.process.fault)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.process.stdin.close()
        except OSError:
            pass
        # Everything it had to say has been read: no need to wait for an interpreter with numpy
        # loaded to tear itself down (tens of ms).
        self._end()
        os.close(self._control)
        for handle in (self.stdout, self.stderr):
            handle.close()
        self._remove_folders()

    def _remove_folders(self) -> None:
        for folder in self._made:
            child_module.remove_tree(str(folder))  # never follows the child's links

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def kill_group(pid: int) -> None:
    """SIGKILL a process group; one gone already (or not ours to signal) is left alone."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def remove_stale_folders(root: Path | None = None) -> int:
    """Temp folders of checks whose grader process is gone (SIGKILLed, power cut): removed by
    the next run. Only our own (same uid), named with the pid that made them."""
    roots = [Path(root)] if root else sorted({Path(tempfile.gettempdir()), Path(work_root())})
    entries = []
    for folder in roots:
        try:
            entries += list(os.scandir(folder))
        except OSError:
            continue
    removed = 0
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        pid = entry.name[len(TEMP_PREFIX):].split("-", 1)[0]
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if (not pid.isdigit() or not stat.S_ISDIR(info.st_mode)
                or info.st_uid != os.geteuid() or _alive(int(pid))):
            continue
        child_module.remove_tree(entry.path)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_capped(handle) -> tuple[str, bool]:
    handle.flush()
    size = handle.seek(0, os.SEEK_END)
    handle.seek(0)
    data = handle.read(SHOWN_OUTPUT_CHARS * 4)
    text = data.decode("utf-8", errors="replace")
    truncated = size > len(data) or len(text) > SHOWN_OUTPUT_CHARS
    return text[:SHOWN_OUTPUT_CHARS], truncated
