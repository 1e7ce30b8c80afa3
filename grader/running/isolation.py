"""How graded code is isolated: every kind in KINDS, each owning its command line, who owns the
child's folders, how its grades are swept clean and how its exit codes read.

A new kind: a Kind here (in ISOLATIONS and KINDS) and its branch in `choose`; the cli's
`--isolation` list (tests/test_cli.py checks it against ISOLATIONS); a sweep in child.py if it
cleans up differently; and a decision wherever a kind is named: forkserver (an unsealed
template), runner (process limit), instructor.regrade (one job at a time), instructor.cluster,
instructor.exports.sandboxed (does it count as verified). docs/threat-model.md says what each
kind guarantees; tests/test_sealed.py and test_trust.py take it in their lists of kinds.

- `bwrap`: bubblewrap. A read-only root holding only the Python runtime (every site-packages
  folder hidden) and numpy (bound alone); the job folder read-only; size-capped private tmpfs
  at /out (the working folder and HOME), /tmp and /dev/shm; new user, PID, network, IPC, UTS
  and cgroup namespaces. As root, bwrap itself runs as an unprivileged host uid of its own
  (SANDBOX_HOST_UID, unless --as-user names an account), so the sandbox's uid is unprivileged on
  the host and the process limit holds; no other grader's cleanup ever signals that uid. A
  forked grade unshares user, mount, IPC and PID namespaces of its own and mounts its own capped
  folders (grader/running/child.py, `seal_grade`).
- `account`: where bwrap cannot run (macOS; containers without user namespaces, such as
  Gradescope's): the child runs as a dedicated unprivileged account with a private copy of numpy
  on its path, started by a root launcher (`seal_account.py`) that gives it private mount, IPC
  and network namespaces with capped folders where the machine allows; after every grade every
  process of that account is killed and its files and IPC objects removed. Where the machine
  gives no namespaces, `Isolation.sealed` is False and describe() says so.
- `none`: the grader's own account: `-S` and a copy of numpy on the path in a regrade (only when
  asked for in words, `--isolation none`); a learner's practice check (not `-S`: their own numpy
  and packages). Nothing stops such code reading files or using the network.

Only the standard library: `learn check` imports this before numpy.
"""

from __future__ import annotations

import atexit
import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from grader.errors import LearnError
from grader.running.accounts import account_entry, end_account, locked
from grader.running.child import FOLDERS as CHILD_FOLDERS

ISOLATIONS = ("bwrap", "account", "none")
TEMP_PREFIX = "learn-check-"  # + the grader's pid: what a killed grader leaves, the next removes
SANDBOX_UID = 65534  # "nobody" inside bwrap's user namespace
# What bwrap runs as when the grader is root and no --as-user is given: a uid no account has
# (`nobody` would be killed by an account isolation's cleanup, which ends every process of it).
SANDBOX_HOST_UID = int(os.environ.get("LEARN_SANDBOX_UID", "2000065534"))
# Where things appear inside the bwrap sandbox.
JOB_MOUNT, OUT_MOUNT, SITE_MOUNT = "/job", "/out", "/sandbox/site"
PROBE_SECONDS = 20
# Size caps of a grade's writable folders (tmpfs): its files, its /tmp, its shared memory (one
# table, in the child's script, which mounts them for a forked grade); an account's /var/tmp.
FOLDER_BYTES = CHILD_FOLDERS
VAR_TMP_BYTES = 16 << 20
PROCESSES = 64  # RLIMIT_NPROC of a grade: a fork bomb stays small
SEAL_SCRIPT = Path(__file__).with_name("seal_account.py")


@dataclass(frozen=True)
class Isolation:
    """A chosen isolation: `kind` is one of ISOLATIONS; `account` the unprivileged host user
    the child (or bwrap itself) runs as, or `host_uid` a bare uid bwrap runs as; `strict` hides
    site-packages (`-S`), as every regrade does; `sealed` says the child has its own capped
    folders, IPC and no network."""

    kind: str = "none"
    account: str | None = None
    strict: bool = False
    python: str = field(default_factory=lambda: sys.executable)
    sealed: bool = False
    host_uid: int | None = None

    @property
    def rules(self) -> Kind:
        return KINDS[self.kind]

    def describe(self) -> str:
        """How the code ran, as a phrase: "in the bubblewrap sandbox", ..."""
        return self.rules.describe(self)

    def command(self, job: Path, out: Path, control_fd: int) -> list[str]:
        """A fresh child's command line: its script reads the job from `job`, works in `out`."""
        return self.rules.command(self, job, out, [], [str(control_fd)])

    def server_command(self, jobs: Path, outs: Path, socket_fd: int) -> list[str]:
        """The fork server's command line (grader/running/forkserver.py)."""
        return self.rules.command(self, jobs, outs, ["--serve", str(socket_fd)],
                                  [self.rules.sweep])

    def popen_options(self) -> dict:
        return self.rules.popen_options(self)

    def owner(self) -> tuple[int, int] | None:
        """Who the child runs as on the host, and must own its folder (None: the grader)."""
        if self.host_uid is not None:
            return self.host_uid, self.host_uid
        if self.account is None:
            return None
        entry = account_entry(self.account)
        return entry.pw_uid, entry.pw_gid

    def after_grade(self) -> None:
        """What the kind does once a fresh child is gone (the account's: end and remove all).
        The caller holds the account's lock (`accounts.locked`): this may end every process of
        the account."""
        self.rules.after_grade(self)

    def exit_code(self, code: int | None, fresh: bool) -> int | None:
        """The graded process's own exit code from what its launcher reports."""
        return self.rules.exit_code(code, fresh)


def work_root(isolation: Isolation | None = None) -> str:
    """Where the grader makes a child's folders: the temp folder, except for an account's child
    (and the numpy copy it imports, `isolation` None as root): a root-owned folder in /run it may
    pass through but not list, since its sealed child gets a fresh tmpfs over /tmp (which would
    hide the job), and other users can write /tmp."""
    wants_run = isolation.kind == "account" if isolation is not None else os.geteuid() == 0
    if wants_run and sys.platform == "linux" and os.geteuid() == 0 and os.path.isdir("/run"):
        folder = "/run/lbp-work"
        try:
            os.mkdir(folder, 0o711)
        except FileExistsError:
            pass
        except OSError:
            return tempfile.gettempdir()
        info = os.lstat(folder)
        if info.st_uid == 0 and os.path.isdir(folder) and not os.path.islink(folder):
            os.chmod(folder, 0o711)
            return folder
    return tempfile.gettempdir()


def _python_flags(isolation: Isolation) -> list[str]:
    return ["-I", "-B"] + (["-S"] if isolation.strict else [])


class Kind:
    """One isolation kind. `sweep` names how a fork server cleans up after a grade (see
    `serve` in child.py); `lock` whether one grade at a time may run as the account."""

    sweep = "group"
    lock = False

    def describe(self, isolation: Isolation) -> str:
        raise NotImplementedError

    def command(self, isolation: Isolation, job: Path, out: Path, before: list[str],
                after: list[str]) -> list[str]:
        site = [str(numpy_site())] if isolation.strict else []
        return [isolation.python, *_python_flags(isolation), str(job / "child.py"), *before,
                str(job), str(out), *after, *site]

    def popen_options(self, isolation: Isolation) -> dict:
        return _as(isolation.owner())

    def after_grade(self, isolation: Isolation) -> None:
        pass

    def exit_code(self, code: int | None, fresh: bool) -> int | None:
        return code


class Unsandboxed(Kind):
    def describe(self, isolation: Isolation) -> str:
        return "with no sandbox (the grader's own account)"


class Bubblewrap(Kind):
    sweep = "namespace"

    def describe(self, isolation: Isolation) -> str:
        if isolation.account:
            return f"in the bubblewrap sandbox, as {isolation.account}"
        if isolation.host_uid is not None:
            return f"in the bubblewrap sandbox (uid {isolation.host_uid} on the host)"
        return "in the bubblewrap sandbox"

    def command(self, isolation, job, out, before, after):
        return [*bwrap_arguments(job, isolation.owner() is not None, isolation.python),
                isolation.python, *_python_flags(isolation), f"{JOB_MOUNT}/child.py", *before,
                JOB_MOUNT, OUT_MOUNT, *after, SITE_MOUNT]

    def exit_code(self, code, fresh):
        if fresh and code is not None and 128 < code < 160:
            return 128 - code  # bwrap reports a child killed by signal N as exit 128 + N
        return code


class Account(Kind):
    sweep = "account"
    lock = True

    def describe(self, isolation: Isolation) -> str:
        text = f"as the unprivileged account {isolation.account}"
        if not isolation.sealed:
            text += " (no private namespaces here: the network and shared /tmp were reachable)"
        return text

    def command(self, isolation, job, out, before, after):
        # The root launcher gives the child its namespaces and a root of its own holding what
        # bwrap's holds, then becomes the account.
        entry = account_entry(isolation.account)
        prefix = _prefix(isolation.python)
        spec = {"ro": [*_runtime_folders(prefix), str(numpy_site().parent), str(job)],
                "hide": site_folders(prefix), "out_bytes": FOLDER_BYTES[OUT_MOUNT],
                "tmpfs": {"/tmp": FOLDER_BYTES["/tmp"], "/var/tmp": VAR_TMP_BYTES,
                          "/dev/shm": FOLDER_BYTES["/dev/shm"]}}
        seal = [sys.executable, "-I", "-S", str(SEAL_SCRIPT), str(entry.pw_uid),
                str(entry.pw_gid), str(out), "sealed" if isolation.sealed else "unsealed",
                json.dumps(spec), "--"]
        return seal + super().command(isolation, job, out, before, after)

    def popen_options(self, isolation: Isolation) -> dict:
        return {}  # the launcher drops to the account itself, after it made the namespaces

    def after_grade(self, isolation: Isolation) -> None:
        end_account(isolation.account)


KINDS: dict[str, Kind] = {"bwrap": Bubblewrap(), "account": Account(), "none": Unsandboxed()}


def choose(mode: str = "auto", as_user: str | None = None, require: bool = False,
           strict: bool = True) -> Isolation:
    """The isolation a regrade (or `learn check --sandbox`) runs with.

    `mode`: auto (bwrap where it works, else the account given by `as_user`, else refuse), or
    bwrap / account / none to insist on one: only `none`, said in words, grades without a
    sandbox. `require` (`--require-sandbox`): refuse even that."""
    if mode not in ("auto", *ISOLATIONS):
        raise LearnError(f"unknown isolation '{mode}' (auto, bwrap, account or none)")
    if as_user is not None:
        check_account(as_user)
    problem = None
    if mode in ("auto", "bwrap"):
        host_uid = None if as_user else default_bwrap_uid()
        candidate = Isolation("bwrap", as_user, strict, sealed=True, host_uid=host_uid)
        problem = bwrap_problem(candidate.owner())
        if problem is None:
            try:
                return _with_python(candidate)
            except LearnError as exc:
                problem = str(exc)
        if mode == "bwrap":
            raise LearnError(f"bubblewrap cannot run here: {problem}")
    if mode in ("auto", "account") and as_user is not None:
        return _with_python(Isolation("account", as_user, strict,
                                      sealed=account_seal_problem() is None))
    if mode == "account":
        raise LearnError("--isolation account needs --as-user NAME (an unprivileged account)")
    if mode == "auto" or require:
        why = problem or bwrap_problem(_owner_of(default_bwrap_uid()))
        raise LearnError(f"no sandbox available: bubblewrap cannot run here ({why}) and no "
                         "--as-user account was given; install bubblewrap, or pass --as-user "
                         "NAME" + ("" if require else ", or say --isolation none to run the "
                                   "code with no sandbox"))
    return Isolation("none", None, strict)


def default_bwrap_uid() -> int | None:
    """As root, bwrap runs as SANDBOX_HOST_UID: a sandbox uid mapped to root would escape the
    process limit. Otherwise as the grader's own (unprivileged) uid."""
    return SANDBOX_HOST_UID if os.geteuid() == 0 else None


def _owner_of(uid: int | None) -> tuple[int, int] | None:
    return None if uid is None else (uid, uid)


def _as(owner: tuple[int, int] | None) -> dict:
    """subprocess options that start a process as `owner` (None: as ourselves)."""
    if owner is None:
        return {}
    return {"user": owner[0], "group": owner[1], "extra_groups": []}


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
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-probe-",
                                     dir=work_root(isolation)) as scratch:
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
        with locked(isolation):
            return _problem_of(isolation.command(job, out, 0), cwd=scratch,
                               env=child_environment(out), **isolation.popen_options())


def _problem_of(command: list[str], **options) -> str | None:
    """None if `command` runs and exits 0; else the last line it printed, or why it did not."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=PROBE_SECONDS, **options)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else f"exit code {done.returncode}"
    return None


# -- bubblewrap ----------------------------------------------------------------------------------

@cache
def bwrap_problem(owner: tuple[int, int] | None = None) -> str | None:
    """None where bubblewrap can make its namespaces here (run as `owner`); else why not."""
    if sys.platform != "linux":
        return f"bubblewrap is Linux only (this is {sys.platform})"
    binary = shutil.which("bwrap")
    if binary is None:
        return "the bwrap command is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    problem = _problem_of([binary, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                           "true"], **_as(owner))
    return problem and problem + " (user namespaces are off, as in most containers)"


def bwrap_arguments(job: Path, copy_numpy: bool, python: str) -> list[str]:
    """bwrap's options: a read-only root with the Python runtime, numpy alone and the job;
    capped private folders at /out, /tmp and /dev/shm; new user, PID, network, IPC, UTS and
    cgroup namespaces."""
    arguments = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
                 "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID)]
    prefix = _prefix(python)
    for top in _runtime_folders(prefix):
        if os.path.islink(top):
            arguments += ["--symlink", os.readlink(top), top]
        else:
            arguments += ["--ro-bind", top, top]
    for hidden in site_folders(prefix):
        arguments += ["--tmpfs", hidden, "--remount-ro", hidden]
    for source in numpy_folders(copy_numpy):
        arguments += ["--ro-bind", str(source), f"{SITE_MOUNT}/{source.name}"]
    arguments += ["--ro-bind", str(job), JOB_MOUNT, "--proc", "/proc", "--dev", "/dev"]
    for folder, size in FOLDER_BYTES.items():
        arguments += ["--size", str(size), "--tmpfs", folder]
    # Everything else read-only: nothing on the import path, nothing that outlives the sandbox.
    arguments += ["--remount-ro", "/dev", "--remount-ro", "/",
                  "--chdir", OUT_MOUNT, "--setenv", "HOME", OUT_MOUNT]
    return arguments


def _prefix(python: str) -> str:
    return os.path.dirname(os.path.dirname(os.path.realpath(python)))  # PREFIX/bin/python3.X


def _runtime_folders(prefix: str) -> list[str]:
    """What a sandboxed Python needs of the machine: /usr, the top-level links or folders of
    libraries and programs, and the interpreter's own prefix."""
    found = ["/usr"] + [top for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
                        if os.path.islink(top) or os.path.isdir(top)]
    return found + ([] if _inside(prefix, "/usr") else [prefix])


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

def numpy_folders(copy: bool = False) -> list[Path]:
    """numpy's package folder and its bundled libraries (wheels: numpy.libs). `copy`: a private
    copy another uid can read; else the installed folders themselves (bound read-only)."""
    if copy:
        site = numpy_site()
        return [site / name for name in sorted(os.listdir(site))]
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
    root = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-numpy-", dir=work_root()))
    os.chmod(root, 0o755)
    site = root / "site"
    site.mkdir()
    for source in numpy_folders():
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


# -- accounts --------------------------------------------------------------------------------

def check_account(name: str) -> None:
    if os.geteuid() != 0:
        raise LearnError("--as-user needs the grader to run as root")
    if account_entry(name).pw_uid == 0:
        raise LearnError("--as-user must name an unprivileged account")


@cache
def account_seal_problem() -> str | None:
    """None where the root launcher can give an account's child private mount, IPC and network
    namespaces (a machine, a privileged container); else why not (Docker's default, macOS)."""
    if sys.platform != "linux":
        return f"no namespaces on {sys.platform}"
    return _problem_of([sys.executable, "-I", "-S", str(SEAL_SCRIPT), "--probe"])


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
