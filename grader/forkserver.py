"""Grades forked from a warm template instead of a fresh interpreter each (regrade, watch).

A `ForkServer` starts `child.py --serve` once, inside the chosen isolation, with numpy loaded
and nothing of the project. `server.child()` returns a `ForkedChild`: the same interface and
the same guarantees as `runner.Child` (the parent's `job/` folder read-only to the child, the
child's `out/` folder read back as hostile, the time limit kept by the parent, the limits set
in the child before the learner's import), but it costs a fork instead of an interpreter start
and a numpy import. Each fork grades once; the template kills whatever it left and removes its
files before the next grade (see `serve` in grader/child.py).

A template that stops answering (a learner's fork may signal it: they share a uid) is killed
whole and the grade counts as a crash; `ForkServers` starts a new one for the next grade.
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import select
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from grader.runner import CHILD_SCRIPT, Child, kill_group, remove_stale_folders
from grader.sandbox import TEMP_PREFIX, Isolation, account_lock, child_environment

REPLY_WAIT_SECONDS = 2.0  # a template that takes longer to report an exit is wedged
SWEEPS = {"bwrap": "namespace", "account": "account", "none": "group"}


class ServerGone(Exception):
    """The template died or stopped answering."""


class ForkServer:
    """One template; one grade at a time (a server per thread of a parallel regrade)."""

    def __init__(self, isolation: Isolation | None = None) -> None:
        self.isolation = isolation or Isolation()
        self._lock = None
        if self.isolation.account is not None:  # held for the template's whole life
            self._lock = account_lock(self.isolation.account)
            self._lock.__enter__()
        try:
            self._start()
        except BaseException:
            self._release()
            raise
        self.broken = False

    def _start(self) -> None:
        remove_stale_folders()
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
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
                self.isolation.server_command(self.jobs, self.outs, theirs.fileno(),
                                              SWEEPS[self.isolation.kind]),
                stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                cwd=self.outs, env=child_environment(self.outs), pass_fds=(theirs.fileno(),),
                start_new_session=True, **self.isolation.popen_options())
        finally:
            theirs.close()

    def child(self) -> ForkedChild:
        if self.broken:
            raise ServerGone("this fork server is broken")
        return ForkedChild(self, secrets.token_hex(8))

    def spawn(self, name: str, fds: list[int]) -> None:
        try:
            socket.send_fds(self.socket, [name.encode()], fds)
        except OSError as exc:
            self.broken = True
            self._log.flush()
            said = (self.private / "server.log").read_bytes()[-300:].decode(errors="replace")
            raise ServerGone(f"the template is gone ({exc}): {said.strip() or 'it said nothing'}"
                             ) from None

    def kill_fork(self) -> None:
        try:
            self.socket.send(b"kill")
        except OSError:
            self.broken = True

    def exit_code(self, timeout: float | None) -> int | None:
        """The fork's exit code once the template reports it (after its sweep); None if not
        reported within `timeout` seconds."""
        if self.broken:
            return -9
        ready, _, _ = select.select([self.socket], [], [], timeout)
        if not ready:
            return None
        try:
            reply = json.loads(self.socket.recv(256) or b"null")
            code = reply["exit"]
            if type(code) is not int:
                raise TypeError
            return code
        except (OSError, ValueError, TypeError, KeyError):
            self.broken = True
            return -9

    def close(self) -> None:
        try:
            self.socket.close()  # EOF: the template exits
            try:
                self.process.wait(timeout=REPLY_WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                pass
            kill_group(self.process.pid)
            self.process.wait()
            self.isolation.end_account_processes()  # our lock is reentrant
        finally:
            self._log.close()
            self._release()
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.__exit__(None, None, None)
            self._lock = None

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class _ForkedProcess:
    """What `Child` needs of its process (stdin, poll, wait, returncode) for a fork that the
    template owns: its exit code comes from the template."""

    def __init__(self, server: ForkServer, rounds_fd: int) -> None:
        self.server = server
        self.stdin = os.fdopen(rounds_fd, "wb")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.server.exit_code(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            wait = REPLY_WAIT_SECONDS if timeout is None else timeout
            self.returncode = self.server.exit_code(wait)
            if self.returncode is None:
                if timeout is not None:
                    raise subprocess.TimeoutExpired("fork", timeout)
                self.server.broken = True  # wedged: the grade counts as a crash
                self.returncode = -9
        return self.returncode


class ForkedChild(Child):
    """`runner.Child` for one grade forked from `server`."""

    bwrap_exit_codes = False  # the template reports the fork's own exit code

    def __init__(self, server: ForkServer, name: str) -> None:
        self.server = server
        self.name = name  # of its folders: unguessable, so nothing can be put there before
        self.isolation = server.isolation
        self._lock = None
        self._start()
        self._pending = b""
        self._closed = False

    def _start(self) -> None:
        self.workdir = self.server.private / self.name
        self.workdir.mkdir()
        control_end = self._open(self.server.jobs / self.name, self.server.outs / self.name)
        rounds_end, rounds = os.pipe()
        try:
            self.server.spawn(self.name, [rounds_end, control_end, self._stdout.fileno(),
                                            self._stderr.fileno()])
        finally:
            os.close(rounds_end)
            os.close(control_end)
        self.process = _ForkedProcess(self.server, rounds)

    def _kill_group(self) -> None:
        if self.process.returncode is None:
            self.server.kill_fork()

    def _after_exit(self) -> None:
        pass  # the template has ended what the fork left, as the account if there is one

    def _folders(self) -> tuple[Path, ...]:
        return (self.workdir, self.job, self.out)


class ForkServers:
    """Fork servers for `size` grades at once, started when first needed; a broken one is
    replaced. Thread-safe: `with servers.child() as child:` in each worker thread."""

    def __init__(self, isolation: Isolation, size: int = 1) -> None:
        self.isolation = isolation
        self._idle: queue.SimpleQueue[ForkServer | None] = queue.SimpleQueue()
        for _ in range(size):
            self._idle.put(None)  # a slot; its server starts on first use
        self._all: list[ForkServer] = []
        self._guard = threading.Lock()

    @contextmanager
    def child(self) -> Iterator[ForkedChild]:
        server = self._idle.get()
        try:
            for attempt in (1, 2):  # a template found dead at the start: one new one
                if server is not None and server.broken:
                    self._retire(server)
                    server = None
                if server is None:
                    server = ForkServer(self.isolation)
                    with self._guard:
                        self._all.append(server)
                try:
                    child = server.child()
                    break
                except ServerGone:
                    if attempt == 2:
                        raise
            with child:
                yield child
        finally:
            self._idle.put(server)

    def running(self) -> list[ForkServer]:
        with self._guard:
            return list(self._all)

    def _retire(self, server: ForkServer) -> None:
        with self._guard:
            if server in self._all:
                self._all.remove(server)
        server.close()

    def close(self) -> None:
        with self._guard:
            servers, self._all = self._all, []
        for server in servers:
            server.close()

    def __enter__(self) -> ForkServers:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

