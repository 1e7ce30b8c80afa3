"""The account isolation's bookkeeping: one grade at a time per account on the whole machine, and
after each grade every process, file and IPC object of the account gone.

"Every process of the account" is the unit of cleanup here (no PID namespace), so two grades as
one account must never overlap, whichever grader process or thread runs them: the lock is a
`flock` on a file in a root-only folder of the machine (not of a HOME), held by the object that
took it (a child or a fork server), released by it from any thread.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from grader.errors import LearnError
from grader.running.child import remove_ipc, remove_tree

# fcntl and pwd (POSIX only) are imported where used: every grade's runner imports this module,
# and without them `learn check` is to say that grading needs Linux, macOS or WSL, not crash.

LOCK_FOLDERS = ("/run/learn-backprop", "/var/lock/learn-backprop")
# Where an account may leave files outside its grade's folders (shared ones, without namespaces).
SHARED_WRITABLE = ("/tmp", "/var/tmp", "/dev/shm")
KILL = shutil.which("kill") or "/bin/kill"

ZOMBIE_WAIT_SECONDS = 5.0  # at most, after a sweep, for the killed processes to be reaped
ZOMBIES_LEFT = 8  # not yet reaped, of RLIMIT_NPROC's 64: a grade needs only a few processes
_in_process: dict[str, threading.Lock] = {}
_guard = threading.Lock()


class AccountLock:
    """Held from `acquire()` to `release()`, machine-wide. Exclusive for the account kind, whose
    sweep after each grade ends every process of the account; shared for bubblewrap run as the
    account (`--as-user`), whose grades may overlap one another but never that sweep."""

    def __init__(self, account: str, shared: bool = False) -> None:
        self.account = account
        self.shared = shared
        self._handle = None
        self._threads: threading.Lock | None = None

    def acquire(self) -> AccountLock:
        import fcntl

        if not self.shared:
            with _guard:
                self._threads = _in_process.setdefault(self.account, threading.Lock())
            self._threads.acquire()
        try:
            handle = open(lock_folder() / f"account-{self.account}.lock", "a+b")  # noqa: SIM115
            fcntl.flock(handle, fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX)
        except BaseException:
            if self._threads is not None:
                self._threads.release()
            raise
        self._handle = handle
        return self

    def release(self) -> None:
        import fcntl

        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
        if self._threads is not None:
            self._threads.release()
            self._threads = None

    def __enter__(self) -> AccountLock:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


def lock_folder() -> Path:
    """A folder only root may write: the lock cannot be taken, or removed, by the account."""
    for name in LOCK_FOLDERS:
        folder = Path(name)
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = os.lstat(folder)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == 0 and not info.st_mode & 0o022:
            return folder
    raise OSError("no root-only folder for the account lock (/run or /var/lock)")


def lock_for(isolation) -> AccountLock | None:
    """The account's lock for what runs as it: exclusive for the account kind, shared for
    bubblewrap run as an account; None when nothing runs as an account."""
    if isolation.account is None or isolation.kind == "none":
        return None
    return AccountLock(isolation.account, shared=not isolation.rules.lock)


@contextlib.contextmanager
def locked(isolation) -> Iterator[None]:
    """The account's lock (`lock_for`) while something runs as it."""
    lock = lock_for(isolation)
    if lock is None:
        yield
        return
    with lock:
        yield


def account_processes(uid: int, zombies: bool = False) -> list[int]:
    """The live processes of `uid` (a zombie is dead already: it waits for its parent), and
    with `zombies` those too."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="utf-8") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
            if (int(fields["Uid"].split()[0]) == uid
                    and (zombies or fields["State"].split()[0] not in ("Z", "X"))):
                found.append(int(entry))
        except (OSError, ValueError, KeyError, IndexError):
            continue
    return found


def account_entry(name: str):
    """The account's passwd entry."""
    import pwd

    try:
        return pwd.getpwnam(name)
    except KeyError:
        raise LearnError(f"no user account called '{name}'") from None


def end_account(name: str, tries: int = 20) -> int:
    """SIGKILL every process of the account, including ones in a session of their own (`kill(-1)`
    run as the account reaches all of them at once, which a loop over /proc cannot do against a
    process that keeps forking), then remove its files in the shared writable folders and its
    SysV IPC objects. Returns how many processes were left."""
    entry = account_entry(name)
    for _ in range(tries):
        if not account_processes(entry.pw_uid):
            break
        # The system's kill(1), not Python: the account's own interpreter may sit where only
        # its sealed root lets it in (under /root).
        subprocess.run([KILL, "-9", "-1"], user=entry.pw_uid, group=entry.pw_gid,
                       extra_groups=[], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
    # A killed process counts toward the account's RLIMIT_NPROC until its parent (often PID 1,
    # about once a second here) reaps it: after a fork bomb the next grade as the account, this
    # grader's or another's, could not fork. A few left over leave it room enough.
    deadline = time.monotonic() + ZOMBIE_WAIT_SECONDS
    while (len(account_processes(entry.pw_uid, zombies=True)) > ZOMBIES_LEFT
           and time.monotonic() < deadline):
        time.sleep(0.05)
    for folder in SHARED_WRITABLE:
        remove_owned(Path(folder), entry.pw_uid)
    remove_ipc(entry.pw_uid)
    return len(account_processes(entry.pw_uid))


def remove_owned(folder: Path, uid: int) -> None:
    """Every entry of `uid` below `folder`, never following a link."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if info.st_uid == uid:
            if stat.S_ISDIR(info.st_mode):
                remove_tree(entry.path)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        elif stat.S_ISDIR(info.st_mode) and info.st_mode & 0o002:  # where it could write
            remove_owned(Path(entry.path), uid)
