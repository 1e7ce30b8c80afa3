"""Runs in the child interpreter: import the learner's file, call their function on each case,
write plain arrays back. Only the standard library and numpy: this file must run where the
project itself is not importable (`python -I child.py JOB OUT CONTROL_FD [SITE]`); the parent
puts a copy of it in JOB.

The parent starts us early; we import numpy while it draws the cases, then wait for one JSON
line on stdin: the job, our limits and round 0's inputs (arrays in JOB/inputs_0.bin). After
each round we send, on the control pipe, a line "N LENGTH" and the round's frame (our status and
the arrays); further lines on stdin are more rounds (smaller instances of a failing case, run by
the same imported function) until EOF. Nothing here decides a verdict: the parent compares what
we send with its own reference values, so a forged frame earns nothing. We work in OUT (a
private capped folder in a sandbox); nothing we write there is read back.

The frame (`encode_frame` / `read_frame`, used by both sides): b"LBPF", the header's length
(8 bytes, little-endian), a JSON header {"meta": ..., "arrays": [[key, dtype, shape], ...]},
then each array's raw bytes in that order. No pickle, no zip: a reader knows every array's
size from the header and checks that they add up to the file before it builds one.
"""

from __future__ import annotations

# Everything a grade uses is imported here, in the template, before any learner code runs.
import importlib.util
import io
import json
import numbers
import os
import random
import sys
import time
import tokenize
import traceback
import types
from typing import TypedDict

# numpy is imported where it is used: the parent imports this module before it loads numpy
# (runner.py), and a strict child puts its own copy on the path first (`main`). What only the
# fork server, the limits or a sweep need (socket, ctypes, select, resource, shutil...) is
# imported there too, so a fresh child loads nothing more before the learner's import.

SUBMISSION_FILE = "submission.py"
MAX_TEXT = 2000
FRAME_MAGIC = b"LBPF"
HEADER_CAP = 8 * 1024 * 1024
DTYPES = ("<f8", "<i8", "|b1")  # what either side sends: float64 results, int and bool inputs
MAX_DIMENSIONS = 8


class CaseRecord(TypedDict, total=False):
    """What the child reports about one case: results[i] of a round's status."""

    paths: list[str]  # the output leaves written, as arrays keyed "c{i}|{path}" in the frame
    error: dict  # {kind, type, message, traceback}; kind "output": {kind, message, path}
    mutated: list[str]  # the arguments left changed after the call
    mutated_by: float  # the largest change among them
    aliased: bool  # an output shares memory with an input
    seconds: float  # the call's wall time (the speed note compares it with the reference's)


class RoundStatus(TypedDict, total=False):
    """The meta of a round's results frame. The parent checks every field's type itself: the
    learner's code runs in this interpreter and can write anything here."""

    stage: str  # how far round 0 got: import, lookup, run, done
    results: list[CaseRecord]
    error: dict  # a failure around the cases: syntax, missing_function, output, an exception


class FrameError(ValueError):
    """A frame that is not what the protocol says (cut short, oversized, malformed)."""


def encode_frame(meta, arrays: dict) -> bytes:
    import numpy as np

    entries, blobs = [], []
    for key, value in arrays.items():
        array = np.asarray(value, order="C")  # (ascontiguousarray makes 0-d arrays 1-d)
        if array.dtype.str not in DTYPES:
            array = array.astype(np.float64)
        entries.append([key, array.dtype.str, list(array.shape)])
        blobs.append(array.tobytes())
    header = json.dumps({"meta": meta, "arrays": entries}).encode("utf-8")
    return b"".join([FRAME_MAGIC, len(header).to_bytes(8, "little"), header, *blobs])


def read_frame(data: bytes, cap: int, dtypes=DTYPES) -> tuple[object, dict]:
    """(meta, {key: array}) from a frame of at most `cap` bytes; FrameError if it is not one.
    Sizes are checked against the data before any array is made, so a header that claims
    terabytes costs nothing."""
    import numpy as np

    if len(data) > cap:
        raise FrameError(f"the results are {len(data)} bytes (at most {cap})")
    if len(data) < 12 or data[:4] != FRAME_MAGIC:
        raise FrameError("the results file is not in the grader's format")
    length = int.from_bytes(data[4:12], "little")
    if length > min(HEADER_CAP, len(data) - 12):
        raise FrameError("the results header is cut short or too large")
    try:
        header = json.loads(data[12:12 + length].decode("utf-8"))
        meta, entries = header["meta"], header["arrays"]
    except Exception as exc:  # noqa: BLE001 - malformed JSON, deep nesting, missing keys
        raise FrameError(f"the results header is not readable ({type(exc).__name__})") from None
    if not isinstance(entries, list):
        raise FrameError("the results header lists no arrays")
    layout, offset = [], 12 + length
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)
                and entry[1] in dtypes and isinstance(entry[2], list)
                and len(entry[2]) <= MAX_DIMENSIONS
                and all(type(n) is int and 0 <= n <= cap for n in entry[2])):
            raise FrameError("the results header describes an array it may not")
        count = 1
        for n in entry[2]:
            count *= n
        size = count * np.dtype(entry[1]).itemsize
        if size > len(data) - offset:
            raise FrameError("the results hold less data than their header claims")
        layout.append((entry[0], entry[1], entry[2], offset, count))
        offset += size
    if offset != len(data):
        raise FrameError("the results hold more data than their header claims")
    buffer = bytearray(data)  # writable arrays, all views of one copy
    arrays = {key: np.frombuffer(buffer, dtype, count, start).reshape(tuple(shape))
              for key, dtype, shape, start, count in layout}
    return meta, arrays


def set_limits(limits: dict) -> None:
    """Before the learner's code is imported: memory, file size, CPU, processes, no core files,
    each as its hard limit too, so the learner's code cannot raise it again (the CPU limit's
    hard one a second later: SIGXCPU first, then SIGKILL).

    numpy is already loaded by then (with one BLAS thread, so its reservation is small)."""
    try:
        import resource
        import signal
    except ImportError:  # not POSIX: the parent refuses to grade before we get here
        return
    # A write past the size cap then fails with an OSError instead of killing us silently.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    wanted = [
        ("RLIMIT_CORE", 0),
        ("RLIMIT_NPROC", limits.get("processes")),
        ("RLIMIT_FSIZE", limits["file_bytes"]),
        ("RLIMIT_CPU", limits["cpu_seconds"]),
        ("RLIMIT_AS", limits["memory_bytes"]),
    ]
    for name, value in wanted:
        which = getattr(resource, name, None)
        if which is None or value is None:
            continue
        try:
            _, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            ceiling = value + 1 if name == "RLIMIT_CPU" else value
            if hard != resource.RLIM_INFINITY:
                ceiling = min(ceiling, hard)
            resource.setrlimit(which, (value, ceiling))
        except (ValueError, OSError):  # macOS refuses RLIMIT_AS; the wall clock still holds
            pass


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 20] + "\n... (cut short)"


def flatten_result(value, path: str = "", parts: int = 1) -> list[tuple[str, object]]:
    """Turn a returned value into (path, leaf) pairs: tuples, lists and dicts are walked, a list
    of plain numbers is one leaf, except that a step returning `parts` > 1 values is always split
    into them. The parent flattens the reference's value the same way."""
    if value is None and path:
        return [(path, [])]  # "no biases": None inside a result is an empty leaf, both sides
    if parts > 1 and isinstance(value, (list, tuple)):
        pairs = []
        for index, item in enumerate(value):
            pairs += flatten_result(item, f"{path}[{index}]")
        return pairs

    if isinstance(value, dict):
        pairs = []
        for key in value:
            pairs += flatten_result(value[key], f"{path}[{key!r}]")
        return pairs
    if isinstance(value, (list, tuple)):
        if value and all(_is_number(v) for v in value):
            return [(path, list(value))]
        pairs = []
        for index, item in enumerate(value):
            pairs += flatten_result(item, f"{path}[{index}]")
        return pairs if value else [(path, [])]
    return [(path, value)]


def _is_number(value) -> bool:
    import numpy as np

    return isinstance(value, numbers.Real) or (isinstance(value, np.ndarray) and value.ndim == 0)


def to_array(leaf):
    """A numeric float64 array, or a string saying why the leaf is not one."""
    import numpy as np

    if leaf is None:
        return "None (did the function forget to `return`?)"
    if isinstance(leaf, (str, bytes)):
        return f"a {type(leaf).__name__} ({clip(repr(leaf), 60)}), not a number"
    try:
        array = np.array(leaf, copy=True)  # a copy: no view into the learner's objects survives
    except Exception as exc:  # noqa: BLE001 - a lying __array__ can raise anything
        return f"a {type(leaf).__name__} that cannot be read as numbers ({clip(str(exc), 80)})"
    if array.dtype.kind not in "biuf":
        return f"a {type(leaf).__name__} holding {array.dtype} values, not numbers"
    return np.asarray(array, dtype=np.float64).view(np.ndarray)


LEARNER_FILES: set[str] = set()  # the learner's other files we show frames of (capstone)


def learner_traceback(exc: BaseException, filename: str) -> str:
    """Only the learner's own frames: the grader's are noise to them."""
    own = {filename} | LEARNER_FILES
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in own]
    lines = traceback.format_list(frames[-5:])
    lines += traceback.format_exception_only(type(exc), exc)
    return clip("".join(lines).rstrip())


def exception_record(exc: BaseException, filename: str) -> dict:
    kind = "exception"
    if isinstance(exc, MemoryError):
        kind = "memory"
    elif isinstance(exc, SystemExit):
        kind = "exit"
    elif isinstance(exc, NotImplementedError):
        kind = "not_implemented"
    return {
        "kind": kind,
        "type": type(exc).__name__,
        "message": clip(str(exc), 500),
        "traceback": learner_traceback(exc, filename),
    }


def decode_source(source: bytes) -> str:
    """Decode as Python itself would (PEP 263); compile() alone lets bad bytes in comments by."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    try:
        return source.decode(encoding)
    except UnicodeDecodeError as exc:
        line = source[: exc.start].count(b"\n") + 1
        error = SyntaxError(f"the file is not valid {encoding} text "
                            f"(byte {source[exc.start]:#04x} on line {line}); save it as UTF-8")
        error.lineno = line
        raise error from None


class ProvidedModules:
    """Import hook for the earlier steps a learner's file imports (`from ex15_layer_forward
    import layer_forward`): the parent chose their sources (reference solutions, or the
    learner's own files for the capstone) and compiled bytes never come from a cache."""

    def __init__(self, modules: dict, workdir: str):
        self.spec_from_loader = importlib.util.spec_from_loader  # bound: we sit before imports
        self.modules = modules
        self.workdir = workdir

    def find_spec(self, name, path=None, target=None):
        if name not in self.modules:
            return None
        return self.spec_from_loader(name, self, origin=self.modules[name]["path"])

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        entry = self.modules[module.__name__]
        with open(os.path.join(self.workdir, entry["file"]), "rb") as handle:
            source = handle.read()
        module.__file__ = entry["path"]
        exec(compile(decode_source(source), entry["path"], "exec", dont_inherit=True),
             module.__dict__)


def load_learner_module(job: dict):
    """Compile the bytes the parent read (never a cached .pyc) under the learner's own path."""
    if job.get("modules"):
        sys.meta_path.insert(0, ProvidedModules(job["modules"], job["workdir"]))
        if job.get("modules_are_learners"):
            LEARNER_FILES.update(entry["path"] for entry in job["modules"].values())
    filename = job["display_path"]
    with open(os.path.join(job["workdir"], SUBMISSION_FILE), "rb") as handle:
        source = handle.read()
    code = compile(decode_source(source), filename, "exec", dont_inherit=True)
    module = types.ModuleType(job["module_name"])
    module.__file__ = filename
    sys.modules[job["module_name"]] = module
    exec(code, module.__dict__)
    return module


def reseed(seed: int) -> None:
    import numpy as np

    random.seed(seed)
    np.random.seed(seed % 2**32)


def decode(value, arrays):
    """JSON tree from the parent -> the argument: {"$a": key} is an array of the frame."""
    if isinstance(value, dict):
        return arrays[value["$a"]]
    if isinstance(value, list):
        return [decode(item, arrays) for item in value]
    return value


def arrays_in(value) -> list:
    import numpy as np

    if isinstance(value, np.ndarray):
        return [value]
    if isinstance(value, (list, tuple)):
        return [a for item in value for a in arrays_in(item)]
    return []


def run_cases(function, job: dict, round_: dict, status: RoundStatus, outputs: dict) -> None:
    import numpy as np

    filename = job["display_path"]
    with open(os.path.join(job["workdir"], f"inputs_{round_['round']}.bin"), "rb") as handle:
        _, arrays = read_frame(handle.read(), 1 << 40)
    arrays = {key: array.copy() for key, array in arrays.items()}  # each its own memory
    for index, encoded in enumerate(round_["inputs"]):
        args = [decode(value, arrays) for value in encoded]
        originals = [[a.copy() for a in arrays_in(arg)] for arg in args]
        reseed(job["seed"] * 1000 + round_["round"] * 100 + index)
        record: CaseRecord = {}
        started = time.perf_counter()
        try:
            result = function(*args)
            record["seconds"] = time.perf_counter() - started
        except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt included
            record["error"] = exception_record(exc, filename)
            status["results"].append(record)
            if record["error"]["kind"] == "memory":
                break  # a hard stop: running the rest would hit the limit again, slowly
            continue
        changed, largest = [], 0.0
        for name, before, arg in zip(job["arguments"], originals, args, strict=True):
            after = arrays_in(arg)
            if len(before) != len(after):
                changed.append(name)
                continue
            for b, a in zip(before, after, strict=True):
                if b.shape != a.shape:
                    changed.append(name)
                    break
                if not np.array_equal(b, a, equal_nan=True):
                    changed.append(name)
                    with np.errstate(all="ignore"):
                        gap = np.nanmax(np.abs(a.astype(float) - b.astype(float)), initial=0.0)
                    largest = max(largest, float(gap))
                    break
        if changed:
            record["mutated"] = changed
            record["mutated_by"] = largest
        inputs = [a for arg in args for a in arrays_in(arg)]
        paths = []
        for path, leaf in flatten_result(result, parts=job["returns"]):
            # may_share_memory compares bounds (cheap); shares_memory solves for an overlap.
            if isinstance(leaf, np.ndarray) and any(
                    np.may_share_memory(leaf, a) and np.shares_memory(leaf, a) for a in inputs):
                record["aliased"] = True
            array = to_array(leaf)
            if isinstance(array, str):
                record["error"] = {"kind": "output", "message": f"returned {array}", "path": path}
                break
            outputs[f"c{index}|{path}"] = array
            paths.append(path)
        record["paths"] = paths
        status["results"].append(record)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def finish_round(number: int, status: RoundStatus, outputs: dict, control: int) -> None:
    """Round `number`'s results on the control pipe: a line "N LENGTH", then the frame. Nothing
    is left in a folder for anyone to read later."""
    try:
        frame = encode_frame(status, outputs)
    except BaseException as exc:  # noqa: BLE001 - e.g. out of memory
        frame = encode_frame({"stage": status.get("stage"), "results": [], "error": {
            "kind": "output", "message": f"could not send the results: {clip(str(exc), 200)}"}},
            {})
    sys.stdout.flush()
    write_all(control, f"{number} {len(frame)}\n".encode() + frame)


def main() -> int:
    if sys.argv[1] == "--serve":  # child.py --serve SOCKET JOB_ROOT OUT_ROOT SWEEP [SITE]
        if len(sys.argv) > 6:
            sys.path.insert(0, sys.argv[6])
        return serve(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    workdir, control = sys.argv[1], int(sys.argv[3])  # child.py JOB OUT CONTROL [SITE]
    if len(sys.argv) > 4:  # strict: a folder holding only numpy is the whole import path
        sys.path.insert(0, sys.argv[4])
    import numpy as np  # noqa: F401 - loads while the parent prepares the cases

    return grade(workdir, control)


def grade(workdir: str, control: int) -> int:
    """One grade: the job from stdin, then round after round until EOF."""
    line = sys.stdin.readline()
    if not line:
        return 0  # the parent gave up before sending a job
    job = json.loads(line)
    job["workdir"] = workdir
    set_limits(job["limits"])
    sys.dont_write_bytecode = True
    status: RoundStatus = {"stage": "import", "results": []}
    outputs: dict = {}
    reseed(job["seed"])
    function = None
    try:
        module = load_learner_module(job)
        status["stage"] = "lookup"
        function = getattr(module, job["function"], None)
        if not callable(function):
            defined = sorted(
                name
                for name, value in vars(module).items()
                if callable(value) and not name.startswith("_")
                and getattr(value, "__module__", None) == job["module_name"]
            )
            status["error"] = {"kind": "missing_function", "defined": defined}
            function = None
        else:
            status["stage"] = "run"
            run_cases(function, job, job, status, outputs)
            status["stage"] = "done"
    except SyntaxError as exc:
        status["error"] = {
            "kind": "syntax",
            "message": clip(f"{exc.msg} (line {exc.lineno})"),
            "traceback": clip("".join(traceback.format_exception_only(exc))),
        }
    except BaseException as exc:  # noqa: BLE001 - anything at import time is the learner's
        status["error"] = exception_record(exc, job["display_path"])
    finish_round(0, status, outputs, control)
    if function is None:
        return 0
    for line in sys.stdin:  # more rounds: smaller instances of a failing case
        round_ = json.loads(line)
        status, outputs = {"stage": "run", "results": []}, {}
        try:
            run_cases(function, job, round_, status, outputs)
        except BaseException as exc:  # noqa: BLE001
            status["error"] = exception_record(exc, job["display_path"])
        finish_round(round_["round"], status, outputs, control)
    return 0


# The fork server: a template interpreter with numpy (and every module a grade needs) loaded and
# nothing of the project, started once inside the isolation. One message per grade each way:
# the parent sends the name of the grade's job folder with five descriptors it made (the rounds
# pipe, the control pipe, stdout, stderr, and a lifeline whose closing ends the grade); we fork,
# the fork seals itself off (its own user, mount, IPC and PID namespaces and capped folders,
# where the kernel allows) and runs `grade` exactly as a fresh child would. When the grade ends
# or the lifeline closes, every process it left is killed and its files and IPC objects removed;
# only then do we report its exit code and take the next grade. We read no job and no code.
# SWEEP: "namespace" (bwrap: every other process in our PID namespace is the learner's, and our
# /tmp, /out and /dev/shm are ours), "account" (every other process of this uid is, and its files
# in the shared folders), "group" (no sandbox: the fork's process group only).

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWUSER = 0x20000, 0x8000000, 0x20000000, \
    0x10000000
# A grade's writable folders and their size caps (the parent's isolation.FOLDER_BYTES too).
FOLDERS = {"/out": 64 << 20, "/tmp": 64 << 20, "/dev/shm": 16 << 20}


def serve(socket_fd: int, job_root: str, out_root: str, sweep: str) -> int:
    import socket

    import numpy as np  # noqa: F401 - loaded once, here, for every grade forked from us

    _undumpable()  # the forks run as our uid: they must not read or write our memory
    server = socket.socket(fileno=socket_fd)
    sealed = sweep == "namespace" and _can_seal()
    server.send(json.dumps({"ready": True, "sealed": sealed}).encode())
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(server, 64, 5)
        except OSError:
            return 0
        if not message or len(fds) != 5 or not message.isalnum():
            for fd in fds:
                os.close(fd)
            return 0  # the parent is gone, or not speaking our protocol
        *given, lifeline = fds
        pid = os.fork()
        if pid == 0:
            os.close(lifeline)
            _forked(server, given, os.path.join(job_root, message.decode()), out_root, sealed)
        for fd in given:
            os.close(fd)
        code = _wait_for_fork(server, lifeline, pid)
        os.close(lifeline)
        _sweep(pid, sweep, out_root)
        try:
            server.send(json.dumps({"exit": code}).encode())
        except OSError:
            return 0


def _forked(server, fds: list[int], workdir: str, out: str, sealed: bool) -> None:
    """In the fork: become a fresh child for one grade, then exit; never returns."""
    code = 70
    try:
        server.close()
        rounds, control, stdout, stderr = fds
        for fd, target in ((rounds, 0), (stdout, 1), (stderr, 2)):
            os.dup2(fd, target)
            os.close(fd)
        os.setsid()  # a process group of its own, killed whole when it ends
        if sealed:
            out = "/out"
            code = _sealed_grade(workdir, control)
        else:
            os.chdir(out)
            os.environ["HOME"] = out
            code = grade(workdir, control)
    except BaseException:  # noqa: BLE001 - whatever happens, this process ends here
        pass
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:  # noqa: BLE001
                pass
        os._exit(code)


def _libc():
    import ctypes

    return ctypes, ctypes.CDLL(None, use_errno=True)


def seal_grade() -> None:
    """Namespaces and folders of this grade's own: a user namespace (so the mounts below are
    ours to make, and the process limit counts this grade alone), a mount namespace with fresh
    capped tmpfs on /out, /tmp and /dev/shm, an IPC namespace, and a PID namespace for our next
    child (see `_seal_init`)."""
    ctypes, libc = _libc()
    uid, gid = os.getuid(), os.getgid()
    _checked(libc.unshare(CLONE_NEWUSER), "unshare user")
    libc.prctl(4, 1, 0, 0, 0)  # dumpable for a moment: else /proc/self is root's, not ours
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                       ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)
    libc.prctl(4, 0, 0, 0, 0)
    _checked(libc.unshare(CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWPID), "unshare")
    for folder, size in FOLDERS.items():
        _checked(libc.mount(b"tmpfs", folder.encode(), b"tmpfs", 0x2 | 0x4,  # nosuid, nodev
                            f"size={size},mode=0700".encode()), f"tmpfs on {folder}")


def _seal_init() -> None:
    """In PID 1 of the grade's namespace: a /proc that shows only this grade, then no
    capabilities left for anything the grade runs."""
    ctypes, libc = _libc()
    _checked(libc.mount(b"proc", b"/proc", b"proc", 0x2 | 0x4 | 0x8, None), "proc")

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    empty = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: twice 32 bits
    _checked(libc.capset(ctypes.byref(Header(0x20080522, 0)), empty), "capset")


def _checked(result: int, what: str) -> None:
    if result != 0:
        import ctypes

        raise OSError(ctypes.get_errno(), what)


def _can_seal() -> bool:
    """Whether a fork of ours can seal itself (user namespaces inside the sandbox)."""
    pid = os.fork()
    if pid == 0:
        try:
            seal_grade()
            init = os.fork()
            if init == 0:
                try:
                    _seal_init()
                    os._exit(0)
                except BaseException as exc:  # noqa: BLE001
                    os.write(2, f"grades cannot be sealed here: {exc}\n".encode())
                    os._exit(1)
            os._exit(os.waitstatus_to_exitcode(os.waitpid(init, 0)[1]))
        except BaseException as exc:  # noqa: BLE001
            os.write(2, f"grades cannot be sealed here: {exc}\n".encode())
            os._exit(1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def _sealed_grade(workdir: str, control: int) -> int:
    """Seal, then grade as the second process of a new PID namespace (the first only reaps:
    PID 1 ignores signals it has no handler for, which would change how a learner's
    `os.kill(os.getpid(), SIGKILL)` ends). Exits as the grade did, a signal included."""
    import signal

    seal_grade()
    init = os.fork()
    if init == 0:  # PID 1 of the grade's namespace
        code = 71
        try:
            _seal_init()
            os.chdir("/out")
            os.environ["HOME"] = "/out"
            graded = os.fork()
            if graded == 0:
                code = 70
                try:
                    code = grade(workdir, control)
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(code)
            os.close(control)
            while True:  # reap everything; leave with the grade's own status
                done, status = os.wait()
                if done == graded:
                    code = (min(255, 128 - os.waitstatus_to_exitcode(status))
                            if os.WIFSIGNALED(status) else os.waitstatus_to_exitcode(status))
                    break
        finally:
            os._exit(code)
    os.close(control)
    code = os.waitstatus_to_exitcode(os.waitpid(init, 0)[1])
    if 128 < code < 160:  # the grade was killed by signal N: so are we, for the template to see
        if code - 128 not in (signal.SIGKILL, signal.SIGSTOP):  # (those have no handler)
            signal.signal(code - 128, signal.SIG_DFL)
        os.kill(os.getpid(), code - 128)
    return code


def _wait_for_fork(server, lifeline: int, pid: int) -> int:
    """The fork's exit code (negative: killed by that signal); the lifeline closing, or the
    parent gone, kills it first."""
    import select
    import signal

    pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    try:
        while True:
            watched = [server, lifeline] + ([pidfd] if pidfd is not None else [])
            ready, _, _ = select.select(watched, [], [], None if pidfd is not None else 0.005)
            ended = server in ready or lifeline in ready
            if ended:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    os.kill(pid, signal.SIGKILL)  # before its setsid
            done, status = os.waitpid(pid, 0 if ended or pidfd in ready else os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _sweep(pid: int, sweep: str, out_root: str) -> None:
    """Kill what the fork left running; remove what it left in files and IPC objects."""
    import signal

    try:
        if sweep in ("namespace", "account"):
            os.kill(-1, signal.SIGKILL)  # every process we may signal, except ourselves
        else:
            os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    while True:  # reap any of our own children (only the fork is)
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break
    roots = [out_root]
    if sweep == "namespace":
        roots += ["/tmp", "/dev/shm"]
    elif sweep == "account":
        roots += ["/tmp", "/var/tmp", "/dev/shm"]
    uid = os.getuid()
    for root in roots:
        try:
            entries = os.listdir(root)
        except OSError:
            continue
        for entry in entries:
            _remove(os.path.join(root, entry), uid if root != out_root else None)
    if sweep != "group":
        remove_ipc(uid)


def _remove(path: str, uid: int | None) -> None:
    """Remove `path` (only if `uid` owns it, when given), never following a link."""
    try:
        info = os.lstat(path)
    except OSError:
        return
    if uid is not None and info.st_uid != uid:
        return
    remove_tree(path)


def remove_tree(path: str) -> None:
    """Remove a file or a folder and everything below it, never following a link, whatever the
    child left: a tree too deep for shutil.rmtree's recursion (or for PATH_MAX) goes to `rm`."""
    import shutil
    import stat

    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            os.unlink(path)
            return
    except OSError:
        return

    top = os.path.abspath(path)

    def writable_then_retry(function, failed, _info):
        # A folder the child made unwritable: make it ours again, but never one above `path`
        # (as root, that would be /tmp itself).
        folder = os.path.dirname(os.path.abspath(failed))
        try:
            if folder == top or folder.startswith(top + os.sep):
                os.chmod(folder, 0o700)
            if os.path.isdir(failed) and not os.path.islink(failed):
                os.chmod(failed, 0o700)
            if function in (os.rmdir, os.unlink, os.remove):  # (not os.open, os.lstat...)
                function(failed)
        except OSError:
            pass

    try:
        shutil.rmtree(path, onerror=writable_then_retry)
    except (RecursionError, MemoryError):
        import subprocess

        subprocess.run(["rm", "-rf", "--one-file-system", "--", path], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def remove_ipc(uid: int) -> None:
    """SysV shared memory, queues and semaphores of ours (what a grade made, in a shared IPC
    namespace; a sealed grade's own namespace went with it)."""
    _, libc = _libc()
    for kind, column in (("shm", "shmid"), ("msg", "msqid"), ("sem", "semid")):
        try:
            with open(f"/proc/sysvipc/{kind}", encoding="ascii") as handle:
                header, *rows = handle.read().splitlines()
        except OSError:
            continue
        names = header.split()
        for row in rows:
            fields = dict(zip(names, row.split(), strict=False))
            if int(fields.get("uid", -1)) == uid:
                ident = int(fields[column])
                if kind == "sem":
                    libc.semctl(ident, 0, 0)
                else:
                    getattr(libc, f"{kind}ctl")(ident, 0, None)  # IPC_RMID


def _undumpable() -> None:
    try:
        _, libc = _libc()
        libc.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except Exception:  # noqa: BLE001 - not Linux: no /proc to read us through
        pass


if __name__ == "__main__":
    sys.exit(main())
