"""How the graded child is isolated: one of three levels, chosen once and named on every grade.

- `bwrap`: bubblewrap (Flatpak's sandbox). The child sees only the Python runtime (with every
  site-packages folder hidden), numpy (bound alone, so nothing of ours sits beside it), its job
  folder read-only and one writable output folder; no network, its own PID namespace (every
  process it starts, `setsid` or not, dies with it), an unprivileged uid, no capabilities.
- `account`: where bwrap cannot run (macOS; containers without user namespaces, such as
  Gradescope's), the child runs as a dedicated unprivileged account with a private copy of numpy
  on its path; afterwards every process of that account is killed. It reads what that account
  may read, so the project must not be readable by it (Gradescope's setup.sh sees to that).
- `none`: the instructor's own account, `-S` and a copy of numpy on the path; a learner's
  practice check (not `-S`: their own numpy and packages). Nothing stops such code reading files.

Only the standard library: `learn check` imports this before numpy.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from grader.errors import LearnError

ISOLATIONS = ("bwrap", "account", "none")
TEMP_PREFIX = "learn-check-"  # + the grader's pid: what a killed grader leaves, the next removes
SANDBOX_UID = 65534  # "nobody" inside bwrap's user namespace
# Where things appear inside the bwrap sandbox.
JOB_MOUNT, OUT_MOUNT, SITE_MOUNT = "/job", "/out", "/sandbox/site"
PROBE_SECONDS = 20


@dataclass(frozen=True)
class Isolation:
    """A chosen isolation: `kind` is one of ISOLATIONS; `account` the unprivileged user the
    child runs as (None: the grader's own uid, or bwrap's namespace uid); `strict` hides
    site-packages (`-S`), as every regrade does."""

    kind: str = "none"
    account: str | None = None
    strict: bool = False
    python: str = field(default_factory=lambda: sys.executable)

    def describe(self) -> str:
        """How the code ran, as a phrase: "in the bubblewrap sandbox", ..."""
        if self.kind == "bwrap":
            return "in the bubblewrap sandbox" + (f", as {self.account}" if self.account else "")
        if self.kind == "account":
            return f"as the unprivileged account {self.account}"
        return "with no sandbox (the grader's own account)"

    def command(self, job: Path, out: Path, control_fd: int) -> list[str]:
        """The child's command line: its script reads the job from `job` and writes to `out`."""
        return self._child_py(job, out, [], [str(control_fd)])

    def server_command(self, jobs: Path, outs: Path, socket_fd: int, sweep: str) -> list[str]:
        """The fork server's command line (grader/forkserver.py): one grade a subfolder."""
        return self._child_py(jobs, outs, ["--serve", str(socket_fd)], [sweep])

    def _child_py(self, job: Path, out: Path, before: list[str], after: list[str]) -> list[str]:
        """child.py [BEFORE] JOB OUT [AFTER] [SITE], run as this isolation runs it: `job` and
        `out` as the child sees them, and numpy's folder alone as the path when strict."""
        flags = ["-I", "-B"] + (["-S"] if self.strict else [])
        if self.kind != "bwrap":
            site = [str(numpy_site())] if self.strict else []
            return [self.python, *flags, str(job / "child.py"), *before, str(job), str(out),
                    *after, *site]
        return [*bwrap_arguments(job, out, self.account, self.python), self.python, *flags,
                f"{JOB_MOUNT}/child.py", *before, JOB_MOUNT, OUT_MOUNT, *after, SITE_MOUNT]

    def popen_options(self) -> dict:
        if self.account is None:
            return {}
        entry = account_entry(self.account)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def owner(self) -> tuple[int, int] | None:
        """Who must own the child's writable folder (None: the grader itself)."""
        if self.account is None:
            return None
        entry = account_entry(self.account)
        return entry.pw_uid, entry.pw_gid

    def end_account_processes(self) -> None:
        if self.account is not None:
            with account_lock(self.account):
                kill_account_processes(self.account, self.python)


def choose(mode: str = "auto", as_user: str | None = None, require: bool = False,
           strict: bool = True) -> Isolation:
    """The isolation a regrade (or `learn check --sandbox`) runs with.

    `mode`: auto (bwrap where it works, else the account given by `as_user`, else none), or
    bwrap / account / none to insist on one. `require`: refuse to run without a sandbox."""
    if mode not in ("auto", *ISOLATIONS):
        raise LearnError(f"unknown isolation '{mode}' (auto, bwrap, account or none)")
    if as_user is not None:
        check_account(as_user)
    if mode in ("auto", "bwrap"):
        problem = bwrap_problem(as_user)
        if problem is None:
            try:
                return _with_python(Isolation("bwrap", as_user, strict))
            except LearnError as exc:
                problem = str(exc)
        if mode == "bwrap":
            raise LearnError(f"bubblewrap cannot run here: {problem}")
    if mode in ("auto", "account") and as_user is not None:
        return _with_python(Isolation("account", as_user, strict))
    if mode == "account":
        raise LearnError("--isolation account needs --as-user NAME (an unprivileged account)")
    if require:
        raise LearnError("no sandbox available: bubblewrap cannot run here "
                         f"({bwrap_problem(as_user)}) and no --as-user account was given; "
                         "install bubblewrap, or pass --as-user NAME")
    return Isolation("none", None, strict)


def _with_python(isolation: Isolation) -> Isolation:
    """The same isolation with an interpreter that works in it (checked by starting one)."""
    problems = []
    for python in interpreters():
        candidate = replace(isolation, python=python)
        problem = _probe(candidate)
        if problem is None:
            return candidate
        problems.append(f"{python}: {problem}")
    raise LearnError(f"cannot start Python with numpy {isolation.describe()}: "
                     + "; ".join(problems))


def interpreters() -> list[str]:
    """Interpreters of this Python version: ours first, then the system's (an account may not
    be allowed into the folder ours lives in, e.g. under /root)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base = os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    found = [base]
    for folder in ("/usr/bin", "/usr/local/bin"):
        candidate = os.path.join(folder, version)
        if os.path.isfile(candidate) and os.path.realpath(candidate) not in found:
            found.append(os.path.realpath(candidate))
    return found


PROBE_SCRIPT = """import sys
if len(sys.argv) > 4:
    sys.path.insert(0, sys.argv[4])
import numpy
"""


@cache
def _probe(isolation: Isolation) -> str | None:
    """None if the child's command starts Python and imports numpy in this isolation."""
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-probe-") as scratch:
        job, out = Path(scratch) / "job", Path(scratch) / "out"
        job.mkdir()
        out.mkdir()
        os.chmod(scratch, 0o755)
        os.chmod(job, 0o755)
        (job / "child.py").write_text(PROBE_SCRIPT, encoding="utf-8")
        os.chmod(job / "child.py", 0o644)
        owner = isolation.owner()
        if owner:
            os.chown(out, *owner)
        try:
            with _locked(isolation.account):
                done = subprocess.run(isolation.command(job, out, 0), capture_output=True,
                                      timeout=PROBE_SECONDS, cwd=scratch,
                                      env=child_environment(out), **isolation.popen_options())
        except (OSError, subprocess.SubprocessError) as exc:
            return str(exc)
        if done.returncode != 0:
            lines = done.stderr.decode(errors="replace").strip().splitlines()
            return lines[-1] if lines else f"exit code {done.returncode}"
    return None


# -- bubblewrap ----------------------------------------------------------------------------------

@cache
def bwrap_problem(as_user: str | None = None) -> str | None:
    """None where bubblewrap can make its namespaces here; else why not (one line)."""
    if sys.platform != "linux":
        return f"bubblewrap is Linux only (this is {sys.platform})"
    binary = shutil.which("bwrap")
    if binary is None:
        return "the bwrap command is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    options = {}
    if as_user is not None:
        entry = account_entry(as_user)
        options = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    try:
        with _locked(as_user):
            done = subprocess.run([binary, "--unshare-all", "--die-with-parent", "--ro-bind",
                                   "/", "/", "true"], capture_output=True,
                                  timeout=PROBE_SECONDS, **options)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        return (message[-1] if message else f"exit code {done.returncode}") + \
            " (user namespaces are off, as in most containers)"
    return None


def bwrap_arguments(job: Path, out: Path, account: str | None, python: str) -> list[str]:
    """bwrap's options: a filesystem with the Python runtime, numpy alone, the job read-only
    and one writable folder; new user, PID, network, IPC and UTS namespaces."""
    arguments = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
                 "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID),
                 "--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            arguments += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            arguments += ["--ro-bind", top, top]
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(python)))  # PREFIX/bin/python3.X
    if not _inside(prefix, "/usr"):
        arguments += ["--ro-bind", prefix, prefix]
    for hidden in site_folders(prefix):
        arguments += ["--tmpfs", hidden]
    for source in numpy_folders(account):
        arguments += ["--ro-bind", str(source), f"{SITE_MOUNT}/{source.name}"]
    arguments += ["--ro-bind", str(job), JOB_MOUNT, "--bind", str(out), OUT_MOUNT,
                  "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                  "--chdir", OUT_MOUNT, "--setenv", "HOME", OUT_MOUNT]
    return arguments


def site_folders(prefix: str) -> list[str]:
    """Every folder of installed packages under the runtime's prefix and the system's: hidden
    in the sandbox, so no installed copy of this project (or anything else) can be imported."""
    patterns = []
    for root in dict.fromkeys((prefix, "/usr", "/usr/local")):
        patterns += [f"{root}/lib/python3*/site-packages", f"{root}/lib/python3*/dist-packages",
                     f"{root}/lib/python3/dist-packages", f"{root}/local/lib/python3*/*-packages"]
    found = []
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            real = os.path.realpath(path)
            if os.path.isdir(real) and real not in found and (
                    _inside(real, "/usr") or _inside(real, prefix)):
                found.append(real)
    return found


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


# -- numpy for the child ---------------------------------------------------------------------

def numpy_folders(account: str | None = None) -> list[Path]:
    """numpy's package folder and its bundled libraries (wheels: numpy.libs). With an account,
    a private copy it can read; else the installed folders themselves (bound read-only)."""
    if account is not None:
        site = numpy_site()
        return [site / name for name in sorted(os.listdir(site))]
    import importlib.util

    origin = Path(importlib.util.find_spec("numpy").origin).parent
    return [folder for folder in (origin, origin.parent / "numpy.libs") if folder.is_dir()]


_copies: dict[str, Path] = {}


def numpy_site() -> Path:
    """A folder holding a copy of numpy and nothing else, owned by the grader, readable by all
    (and writable by none of the accounts it serves): the whole import path of a strict child
    outside bwrap. Walking up from numpy's files leads here, never to the site-packages that
    holds this project. Made once per process."""
    if "site" in _copies and _copies["site"].is_dir():
        return _copies["site"]
    import atexit

    root = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-numpy-"))
    os.chmod(root, 0o755)
    site = root / "site"
    site.mkdir()
    for source in numpy_folders(None):
        shutil.copytree(source, site / source.name, symlinks=False,
                        ignore=shutil.ignore_patterns("tests", "*.pyi"))
    for folder, names, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o755 if name.endswith(".so") else 0o644)
        del names
    atexit.register(shutil.rmtree, root, True)
    _copies["site"] = site
    return site


# -- the account fallback ----------------------------------------------------------------------

def account_entry(name: str):
    import pwd

    try:
        return pwd.getpwnam(name)
    except KeyError:
        raise LearnError(f"no user account called '{name}'") from None


def check_account(name: str) -> None:
    if os.geteuid() != 0:
        raise LearnError("--as-user needs the grader to run as root")
    if account_entry(name).pw_uid == 0:
        raise LearnError("--as-user must name an unprivileged account")


_held: dict[str, list] = {}  # account -> [open lock file, depth]
_threads: dict[str, threading.RLock] = {}  # account -> the one thread of this process using it


@contextmanager
def account_lock(name: str) -> Iterator[None]:
    """One grade at a time per account, machine-wide: ending "every process of the account"
    after a grade must not end another grader's child (another process's, or another thread's
    in a parallel regrade). Reentrant in the thread that holds it. The lock file sits in the
    grader's private cache folder, out of the account's reach."""
    import fcntl

    with _threads.setdefault(name, threading.RLock()):
        if name in _held:
            _held[name][1] += 1
        else:
            folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
            folder = folder / "learn-backprop" / "locks"
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle = open(folder / f"account-{name}.lock", "a+b")  # noqa: SIM115 - while held
            fcntl.flock(handle, fcntl.LOCK_EX)
            _held[name] = [handle, 1]
        try:
            yield
        finally:
            _held[name][1] -= 1
            if _held[name][1] == 0:
                handle = _held.pop(name)[0]
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()


def _locked(account: str | None):
    """The account's lock while something runs as it (nothing to hold for the grader's own)."""
    from contextlib import nullcontext

    return account_lock(account) if account is not None else nullcontext()


def account_processes(uid: int) -> list[int]:
    """The live processes of `uid` (a zombie is dead already: it waits for its parent)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="utf-8") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
            if (int(fields["Uid"].split()[0]) == uid
                    and fields["State"].split()[0] not in ("Z", "X")):
                found.append(int(entry))
        except (OSError, ValueError, KeyError, IndexError):
            continue
    return found


def kill_account_processes(name: str, python: str, tries: int = 20) -> int:
    """SIGKILL every process of the account, including ones its code started in a session of
    its own: `kill(-1)` run as that account reaches all of them at once, which a loop over
    /proc cannot do against a process that keeps forking. Returns how many were left after."""
    entry = account_entry(name)
    for _ in range(tries):
        if not account_processes(entry.pw_uid):
            return 0
        subprocess.run([python, "-I", "-S", "-c",
                        "import os, signal; os.kill(-1, signal.SIGKILL)"],
                       user=entry.pw_uid, group=entry.pw_gid, extra_groups=[],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return len(account_processes(entry.pw_uid))


# -- the child's environment -------------------------------------------------------------------

# Variables the child keeps from ours: a locale, and OpenBLAS workarounds some CPUs need.
KEPT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
# numpy's import reserves virtual memory per BLAS thread, which would trip the memory limit.
ONE_THREAD = {
    name: "1"
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                 "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
}


def child_environment(home: Path | str) -> dict[str, str]:
    environment = {k: os.environ[k] for k in KEPT_ENVIRONMENT if k in os.environ}
    environment.update(ONE_THREAD)
    environment["HOME"] = str(home)
    environment["PYTHONHASHSEED"] = "0"
    return environment
