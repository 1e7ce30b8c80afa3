"""Grades forked from a warm template instead of a fresh interpreter each (regrade, watch).

A `ForkServer` starts `child.py --serve` once, inside the chosen isolation, with numpy loaded
and nothing of the project; it is a launcher for `runner.Child`: each grade costs a fork instead
of an interpreter start and a numpy import, with the same guarantees (the job folder read-only
to the child, results read back as hostile, the time limit kept by the parent, limits set in
the child before the learner's import). In bubblewrap each fork seals itself off in namespaces
of its own (see `serve` in child.py); a template that cannot do so is refused, and its grades
go to fresh interpreters instead.

One message per grade each way: the job (its folder's name and five descriptors), then the
fork's exit code, sent only after the template killed what the fork left and removed its files.
The parent ends a grade early by closing the grade's own lifeline, never by a message that a
later grade could read. A template that dies or stops answering costs that grade a "not graded"
(a grader fault, tried again), and `ForkServers` starts a new one.
"""

from __future__ import annotations

import json
import os
import queue
import select
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from grader.running.accounts import end_account, lock_for
from grader.running.child import remove_tree
from grader.running.isolation import TEMP_PREFIX, Isolation, child_environment, work_root
from grader.running.runner import (
    CHILD_SCRIPT,
    Child,
    FreshLauncher,
    GraderFault,
    kill_group,
    remove_stale_folders,
)

REPLY_WAIT_SECONDS = 2.0  # a template that takes longer to report an exit is wedged
READY_WAIT_SECONDS = 30.0  # a template's start: Python and numpy (on a loaded machine)


class ServerGone(GraderFault):
    """The template died or stopped answering."""


class ForkServer:
    """One template; one grade at a time (a server per thread of a parallel regrade)."""

    fresh = False

    def __init__(self, isolation: Isolation | None = None) -> None:
        self.isolation = isolation or Isolation()
        self.broken = False
        self._lock = lock_for(self.isolation)
        if self._lock is not None:  # held for the template's whole life
            self._lock.acquire()
        try:
            self._start()
        except BaseException:
            self._release()
            raise

    def _start(self) -> None:
        remove_stale_folders()
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-",
                                             dir=work_root(self.isolation)))
        self.jobs, self.outs, self.private = (self.workdir / n for n in ("job", "out", "own"))
        self.jobs.mkdir()
        self.outs.mkdir(mode=0o700)
        self.private.mkdir(mode=0o700)
        owner = self.isolation.owner()
        if owner is not None:
            os.chmod(self.workdir, 0o755)
            os.chmod(self.jobs, 0o755)
            os.chown(self.outs, *owner)
        (self.jobs / "child.py").write_bytes(CHILD_SCRIPT.read_bytes())
        self.socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._log = open(self.private / "server.log", "wb")  # noqa: SIM115 - closed in close
        try:
            self.process = subprocess.Popen(
                self.isolation.server_command(self.jobs, self.outs, theirs.fileno()),
                stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                cwd=self.outs, env=child_environment(self.outs), pass_fds=(theirs.fileno(),),
                start_new_session=True, **self.isolation.popen_options())
        except OSError as exc:
            self._log.close()
            remove_tree(str(self.workdir))
            raise ServerGone(f"the template could not start ({exc.strerror})") from None
        finally:
            theirs.close()
        hello = self._reply(READY_WAIT_SECONDS)
        if not hello or not hello.get("ready"):
            said = self.said()
            self.close()
            raise ServerGone(f"the template did not start: {said}")
        self.sealed = bool(hello.get("sealed"))

    def said(self) -> str:
        """The end of what the template printed (why it died, usually)."""
        self._log.flush()
        text = (self.private / "server.log").read_bytes()[-300:].decode(errors="replace")
        return text.strip() or "it said nothing"

    def _reply(self, timeout: float) -> dict | None:
        ready, _, _ = select.select([self.socket], [], [], timeout)
        if not ready:
            return None
        try:
            reply = json.loads(self.socket.recv(256) or b"null")
        except (OSError, ValueError):
            return None
        return reply if isinstance(reply, dict) else None

    # -- the launcher of a Child ----------------------------------------------------------

    def folders(self, name: str) -> tuple[Path, Path, Path | None]:
        if self.broken:
            raise ServerGone("this template is broken")
        private = self.private / name
        private.mkdir()
        return private, self.jobs / name, None  # the fork works in the template's own folder

    def start(self, child: Child, control_end: int) -> ForkedProcess:
        rounds_end, rounds = os.pipe()
        lifeline_end, lifeline = os.pipe()
        try:
            socket.send_fds(self.socket, [child.job.name.encode()],
                            [rounds_end, control_end, child.stdout.fileno(),
                             child.stderr.fileno(), lifeline_end])
        except OSError as exc:
            self.broken = True
            for fd in (rounds, lifeline):
                os.close(fd)
            raise ServerGone(f"the template is gone ({exc}): {self.said()}") from None
        finally:
            os.close(rounds_end)
            os.close(lifeline_end)
        return ForkedProcess(self, rounds, lifeline)

    def close(self) -> None:
        try:
            self.socket.close()  # EOF: the template exits
            try:
                self.process.wait(timeout=REPLY_WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                pass
            kill_group(self.process.pid)
            self.process.wait()
            if self.isolation.rules.lock:  # the account kind: its sweep, under its lock
                end_account(self.isolation.account)
        finally:
            self._log.close()
            self._release()
            remove_tree(str(self.workdir))

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class ForkedProcess:
    """A fork of the template, as a Child sees its process: its exit code comes from the
    template, once the template has swept up after it."""

    def __init__(self, server: ForkServer, rounds_fd: int, lifeline: int) -> None:
        self.server = server
        self.stdin = os.fdopen(rounds_fd, "wb")
        self.lifeline: int | None = lifeline
        self.returncode: int | None = None
        self.fault: str | None = None

    def wait(self, timeout: float | None) -> int | None:
        """The exit code once the template reports it (within `timeout` s), else None."""
        if self.returncode is None:
            reply = self.server._reply(REPLY_WAIT_SECONDS if timeout is None else timeout)
            if reply is not None and type(reply.get("exit")) is int:
                self.returncode = reply["exit"]
            elif reply is not None or timeout is None:
                self._gone()
        return self.returncode

    def end(self) -> None:
        """Close the lifeline (the template kills the fork and sweeps) and take its report."""
        if self.lifeline is not None:
            os.close(self.lifeline)
            self.lifeline = None
        if self.returncode is None:
            self.wait(None)

    def _gone(self) -> None:
        self.server.broken = True
        self.returncode = -9
        self.fault = f"the grading template stopped answering: {self.server.said()}"


class ForkServers:
    """Fork servers for `size` grades at once, started when first needed; a broken one is
    replaced. Thread-safe: `with servers.child() as child:` in each worker thread. Where a
    template cannot seal each grade off (bwrap without nested namespaces), children are fresh
    interpreters instead. An account runs one grade at a time: one server."""

    def __init__(self, isolation: Isolation, size: int = 1) -> None:
        self.isolation = isolation
        if isolation.rules.lock:
            size = 1
        self._idle: queue.SimpleQueue[ForkServer | None] = queue.SimpleQueue()
        for _ in range(size):
            self._idle.put(None)  # a slot; its server starts on first use
        self._all: list[ForkServer] = []
        self._guard = threading.Lock()
        self.unsealed: str | None = None  # why grades go to fresh interpreters instead
        # Templates are started by one thread that lives as long as the pool: bwrap's
        # --die-with-parent kills a sandbox when the *thread* that started it ends, and a
        # worker thread may end while its template serves others.
        self._starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="templates")

    @contextmanager
    def child(self) -> Iterator[Child]:
        if self.unsealed is not None:
            with Child(FreshLauncher(self.isolation)) as child:
                yield child
            return
        server = self._idle.get()
        try:
            for attempt in (1, 2):  # a template found dead at the start: one new one
                if server is not None and server.broken:
                    self._retire(server)
                    server = None
                if server is None:
                    server = self._starter.submit(ForkServer, self.isolation).result()
                    with self._guard:
                        self._all.append(server)
                    if self.isolation.kind == "bwrap" and not server.sealed:
                        self.unsealed = "this bubblewrap gives no nested namespaces"
                        break
                try:
                    child = Child(server)
                    break
                except ServerGone:
                    if attempt == 2:
                        raise
            if self.unsealed is not None:
                with Child(FreshLauncher(self.isolation)) as child:
                    yield child
                return
            with child:
                yield child
        finally:
            self._idle.put(server)

    def _retire(self, server: ForkServer) -> None:
        with self._guard:
            if server in self._all:
                self._all.remove(server)
        server.close()

    def templates(self) -> list[ForkServer]:
        with self._guard:
            return list(self._all)

    def close(self) -> None:
        with self._guard:
            servers, self._all = self._all, []
        for server in servers:
            server.close()
        self._starter.shutdown()

    def __enter__(self) -> ForkServers:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

