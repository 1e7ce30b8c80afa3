"""Start the child interpreter, hand it a job, enforce the time limit, read its plain results.

The child is started before the parent draws its cases so that its interpreter and numpy load
while the parent works; this module imports no numpy itself, so `learn check` can start the
child before the parent loads numpy too. It runs in its own process group (killed whole on
time-out), with `python -I`, a minimal environment, one BLAS thread (numpy's import reserves
virtual memory per thread, which would trip the memory limit) and resource limits set before
any learner import.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader import child as child_module

CHILD_SCRIPT = Path(child_module.__file__)
OUTPUT_CAP_BYTES = 64 * 1024 * 1024  # the learner's prints and files: capped by RLIMIT_FSIZE
SHOWN_OUTPUT_CHARS = 1500
START_ALLOWANCE_SECONDS = 1.0  # numpy may still be loading when the job is sent
# Variables the child keeps from ours: a locale, and OpenBLAS workarounds some CPUs need.
KEPT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
ONE_THREAD = {
    name: "1"
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                 "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
}


def isolation_available() -> bool:
    return os.name == "posix"


@dataclass
class ChildRun:
    """What came back from one child: parsed status (None when it wrote none) and arrays."""

    status: dict | None
    outputs: dict  # path -> numpy array
    returncode: int | None
    timed_out: bool
    seconds: float
    stdout: str = ""
    stderr: str = ""
    output_truncated: bool = False
    signal_name: str | None = field(default=None)


class Child:
    """One learner run. Create it first (it starts loading at once), then `run` round 0 and,
    for shrinking, further rounds on the same imported function; `close` ends it."""

    def __init__(self, isolated: bool = False, as_user: str | None = None) -> None:
        """`isolated` (the instructor's regrade): the child's only import path is a folder
        holding numpy, so neither this project nor its solutions can be imported; `as_user`
        (when run as root) drops the child to that unprivileged account."""
        self.workdir = Path(tempfile.mkdtemp(prefix="learn-check-"))
        self.as_user = as_user
        command = [sys.executable, "-I", "-B"]
        extra: list[str] = []
        if isolated:
            command.append("-S")  # no site-packages: nothing of ours is importable
            extra.append(str(_numpy_only_path(self.workdir)))
        user_options = _drop_to(as_user, self.workdir)
        environment = {k: os.environ[k] for k in KEPT_ENVIRONMENT if k in os.environ}
        environment.update(ONE_THREAD)
        environment["HOME"] = str(self.workdir)
        environment["PYTHONHASHSEED"] = "0"
        self._stdout = open(self.workdir / "stdout.txt", "w+b")  # noqa: SIM115 - closed in close
        self._stderr = open(self.workdir / "stderr.txt", "w+b")  # noqa: SIM115
        self._control, control_end = os.pipe()
        self.deadline: float | None = None
        try:
            self.process = subprocess.Popen(
                [*command, str(CHILD_SCRIPT), str(self.workdir), str(control_end), *extra],
                stdin=subprocess.PIPE,
                stdout=self._stdout,
                stderr=self._stderr,
                cwd=self.workdir,
                env=environment,
                pass_fds=(control_end,),
                start_new_session=True,  # its own process group, so a time-out kills everything
                **user_options,
            )
        finally:
            os.close(control_end)
        self._pending = b""
        self._closed = False

    def write_round(self, number: int, arrays: dict) -> None:
        import numpy as np

        np.savez(self.workdir / f"inputs_{number}.npz", **arrays)

    def write_source(self, source: bytes, name: str = child_module.SUBMISSION_FILE) -> None:
        (self.workdir / name).write_bytes(source)

    def run(self, job: dict, time_limit: float, memory_mb: int) -> ChildRun:
        """Round 0. The child sets these limits before it imports the learner's file; the
        time limit covers this round and any later ones."""
        job = dict(job, round=0, limits={
            "memory_bytes": memory_mb * 1024 * 1024,
            "file_bytes": OUTPUT_CAP_BYTES,
            "cpu_seconds": int(time_limit + START_ALLOWANCE_SECONDS) + 2,
        })
        self.deadline = time.monotonic() + time_limit + START_ALLOWANCE_SECONDS
        return self._round(job)

    def run_more(self, number: int, inputs: list) -> ChildRun:
        return self._round({"round": number, "inputs": inputs})

    def _round(self, message: dict) -> ChildRun:
        started = time.monotonic()
        try:
            self.process.stdin.write((json.dumps(message) + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # it died; the return code tells
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
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def _collect(self, number: int, done: bool, timed_out: bool, seconds: float) -> ChildRun:
        stdout, cut_out = _read_capped(self._stdout)
        stderr, cut_err = _read_capped(self._stderr)
        status = None
        outputs: dict = {}
        status_path = self.workdir / f"status_{number}.json"
        if done and status_path.is_file():
            try:
                import numpy as np

                status = json.loads(status_path.read_text(encoding="utf-8"))
                with np.load(self.workdir / f"outputs_{number}.npz", allow_pickle=False) as npz:
                    outputs = {key: npz[key] for key in npz.files}
            except (OSError, ValueError, UnicodeDecodeError):
                status, outputs = None, {}
            if not isinstance(status, dict):
                status = None
        code = self.process.returncode
        name = None
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
        return ChildRun(status, outputs, code, timed_out, seconds, stdout, stderr,
                        cut_out or cut_err, name)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.process.stdin.close()
        except OSError:
            pass
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=0.5)  # EOF on stdin: it exits by itself
            except subprocess.TimeoutExpired:
                pass
        self._kill_group()  # and whatever it started
        self.process.wait()
        if self.as_user:  # a process the code started in a session of its own, too
            subprocess.run(["pkill", "-KILL", "-u", self.as_user], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(self._control)
        for handle in (self._stdout, self._stderr):
            handle.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _numpy_only_path(workdir: Path) -> Path:
    """A folder with nothing but numpy in it (symlinks), for a child started with -S."""
    import importlib.util

    site = workdir / "site"
    site.mkdir()
    origin = Path(importlib.util.find_spec("numpy").origin).parent
    for name in ("numpy", "numpy.libs"):
        if (origin.parent / name).exists():
            (site / name).symlink_to(origin.parent / name)
    return site


def _drop_to(user: str | None, workdir: Path) -> dict:
    if user is None:
        return {}
    import pwd

    from grader.errors import LearnError

    if os.geteuid() != 0:
        raise LearnError("--as-user needs the grader to run as root")
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise LearnError(f"no user account called '{user}'") from None
    if entry.pw_uid == 0:
        raise LearnError("--as-user must name an unprivileged account")
    for path in [workdir, *workdir.iterdir()]:
        os.chown(path, entry.pw_uid, entry.pw_gid)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _read_capped(handle) -> tuple[str, bool]:
    handle.flush()
    size = handle.seek(0, os.SEEK_END)
    handle.seek(0)
    data = handle.read(SHOWN_OUTPUT_CHARS * 4)
    text = data.decode("utf-8", errors="replace")
    truncated = size > len(data) or len(text) > SHOWN_OUTPUT_CHARS
    return text[:SHOWN_OUTPUT_CHARS], truncated
