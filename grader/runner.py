"""Start the child interpreter, hand it a job, enforce the time limit, read its plain results.

The child is started before the parent draws its cases so that its interpreter and numpy load
while the parent works; this module imports no numpy itself, so `learn check` can start the
child before the parent loads numpy too. It runs in its own process group (killed whole on
time-out), with `python -I`, a minimal environment, one BLAS thread and resource limits set
before any learner import, inside the isolation `grader.sandbox` chose.

Two folders, so the parent never writes where the child can: `job/` (the parent's: the child
script, the learner's source, each round's inputs; read-only to the child) and `out/` (the
child's: its results, its files, its HOME). Everything read back from `out/` is treated as
hostile: opened without following links, a regular file or nothing, under a size cap, parsed
by `grader.child.read_frame`, which checks every array's size before it is built.
"""

from __future__ import annotations

import errno
import json
import os
import select
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader import child as child_module
from grader.sandbox import TEMP_PREFIX, Isolation, account_lock, child_environment

CHILD_SCRIPT = Path(child_module.__file__)
OUTPUT_CAP_BYTES = 64 * 1024 * 1024  # the learner's prints and files: capped by RLIMIT_FSIZE
RESULT_CAP_BYTES = OUTPUT_CAP_BYTES  # one round's results file, read back by the parent
SHOWN_OUTPUT_CHARS = 1500
START_ALLOWANCE_SECONDS = 1.0  # numpy may still be loading when the job is sent
ACCOUNT_PROCESSES = 256  # RLIMIT_NPROC for a dedicated account: a fork bomb stays small


def isolation_available() -> bool:
    return os.name == "posix"


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
    unreadable: str | None = None  # why the results file could not be read back


class TamperedFolder(Exception):
    """The child put something where the parent was about to write."""


class Child:
    """One learner run. Create it first (it starts loading at once), then `run` round 0 and,
    for shrinking, further rounds on the same imported function; `close` ends it."""

    bwrap_exit_codes = True  # its process is bwrap itself, which reports a signal as 128 + N

    def __init__(self, isolation: Isolation | None = None) -> None:
        self.isolation = isolation or Isolation()
        self._lock = None
        if self.isolation.account is not None:  # held until close() ended its processes
            self._lock = account_lock(self.isolation.account)
            self._lock.__enter__()
        try:
            self._start()
        except BaseException:
            if self._lock is not None:
                self._lock.__exit__(None, None, None)
            raise
        self._pending = b""
        self._closed = False

    def _start(self) -> None:
        remove_stale_folders()
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
        if self.isolation.owner() is not None:  # an account must pass through to its folder
            os.chmod(self.workdir, 0o755)
        control_end = self._open(self.workdir / "job", self.workdir / "out")
        self._write(CHILD_SCRIPT.read_bytes(), "child.py")
        try:
            self.process = subprocess.Popen(
                self.isolation.command(self.job, self.out, control_end),
                stdin=subprocess.PIPE,
                stdout=self._stdout,
                stderr=self._stderr,
                cwd=self.out,
                env=child_environment(self.out),
                pass_fds=(control_end,),
                start_new_session=True,  # its own process group, so a time-out kills everything
                **self.isolation.popen_options(),
            )
        finally:
            os.close(control_end)

    def _open(self, job: Path, out: Path) -> int:
        """Its two folders (`out` the child's own: the account's, if there is one, and made
        fresh), `out` held open to read results through, its output files in `workdir` and
        its control pipe; returns the pipe's end for the child."""
        self.job, self.out = job, out
        job.mkdir()
        try:
            out.mkdir(mode=0o700)
        except FileExistsError:
            raise TamperedFolder(f"something was already at {out.name}") from None
        owner = self.isolation.owner()
        if owner is not None:
            os.chmod(job, 0o755)
            os.chown(out, *owner)
        self._out_fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        self._stdout = open(self.workdir / "stdout.txt", "w+b")  # noqa: SIM115 - closed in close
        self._stderr = open(self.workdir / "stderr.txt", "w+b")  # noqa: SIM115
        self._control, control_end = os.pipe()
        self.deadline: float | None = None
        return control_end

    def _write(self, data: bytes, name: str) -> None:
        """A new file in the job folder; never through a link or over a file already there."""
        try:
            fd = os.open(self.job / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                         | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            if exc.errno in (errno.EEXIST, errno.ELOOP):
                raise TamperedFolder(f"something was already at {name}") from None
            raise
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)

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
        }
        if self.isolation.account is not None:
            limits["processes"] = ACCOUNT_PROCESSES
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
            pass  # it died; the return code tells
        if meanwhile is not None:
            meanwhile()
        outcome = self._wait_for(message["round"])
        done, timed_out = outcome == "done", outcome == "timeout"
        if outcome == "exited":
            try:
                self.process.wait(timeout=2)  # the pipe closed as it exited; reap it
            except subprocess.TimeoutExpired:
                pass
        if not done:
            self._kill_group()
            self.process.wait()
        return self._collect(message["round"], done, timed_out, time.monotonic() - started)

    def _wait_for(self, number: int) -> str:
        """"done" once the child says it finished round `number`, else "exited" or "timeout"."""
        while True:
            *complete, self._pending = self._pending.split(b"\n")
            if str(number).encode() in complete:
                return "done"
            if len(self._pending) > 1024:
                return "exited"  # not our protocol: treat as gone
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                return "timeout"
            ready, _, _ = select.select([self._control], [], [], remaining)
            if not ready:
                return "timeout"
            chunk = os.read(self._control, 1024)
            if not chunk:
                return "exited"  # the pipe closed: the child (and all its group) is gone
            self._pending += chunk

    def _kill_group(self) -> None:
        kill_group(self.process.pid)

    def _collect(self, number: int, done: bool, timed_out: bool, seconds: float) -> ChildRun:
        stdout, cut_out = _read_capped(self._stdout)
        stderr, cut_err = _read_capped(self._stderr)
        status, outputs, unreadable = None, {}, None
        if done:
            try:
                status, outputs = child_module.read_frame(
                    self._read_result(f"result_{number}.bin"), RESULT_CAP_BYTES)
            except (child_module.FrameError, MemoryError) as exc:
                unreadable = str(exc) or "out of memory"
            if status is not None and not isinstance(status, dict):
                status, outputs, unreadable = None, {}, "its status is not a JSON object"
        code = self.process.returncode
        name = None
        if (self.bwrap_exit_codes and self.isolation.kind == "bwrap" and code is not None
                and 128 < code < 160):
            code = 128 - code  # bwrap reports a child killed by signal N as exit 128 + N
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
        return ChildRun(status, outputs, code, timed_out, seconds, stdout, stderr,
                        cut_out or cut_err, name, unreadable)

    def _read_result(self, name: str) -> bytes:
        """The child's results file: a regular file, not followed through a link, never
        waited on (a FIFO), at most RESULT_CAP_BYTES."""
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(name, flags, dir_fd=self._out_fd)
        except FileNotFoundError:
            raise child_module.FrameError("the results file is missing") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise child_module.FrameError("the results file is a link") from None
            raise child_module.FrameError(f"the results file cannot be opened "
                                          f"({exc.strerror})") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else
                        "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                        else "a folder" if stat.S_ISDIR(info.st_mode) else "a special file")
                raise child_module.FrameError(f"the results file is {kind}, not a file")
            if info.st_size > RESULT_CAP_BYTES:
                raise child_module.FrameError(
                    f"the results file is {info.st_size / 2**20:.0f} MB "
                    f"(at most {RESULT_CAP_BYTES // 2**20} MB)")
            chunks, size = [], 0
            while size <= RESULT_CAP_BYTES:
                chunk = os.read(fd, min(1 << 20, RESULT_CAP_BYTES + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if size > RESULT_CAP_BYTES:
                raise child_module.FrameError("the results file grew past its cap")
            return b"".join(chunks)
        finally:
            os.close(fd)

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
        self._kill_group()  # and whatever it started
        self.process.wait()
        self._after_exit()
        os.close(self._control)
        os.close(self._out_fd)
        for handle in (self._stdout, self._stderr):
            handle.close()
        for folder in self._folders():
            shutil.rmtree(folder, ignore_errors=True)  # never follows the child's links

    def _after_exit(self) -> None:
        self.isolation.end_account_processes()  # also those in a session of their own
        if self._lock is not None:
            self._lock.__exit__(None, None, None)

    def _folders(self) -> tuple[Path, ...]:
        return (self.workdir,)

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
    root = Path(root or tempfile.gettempdir())
    removed = 0
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0
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
        shutil.rmtree(entry.path, ignore_errors=True)
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
