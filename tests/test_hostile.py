"""Hostile and broken submissions. Each learner file below ends as a failed attempt (never a
pass) with a one-line reason of the right kind (for the few that reach a cap only after much
work, the cap's or the clock's: load decides which fires first); the attempt is recorded; what it
printed is shown cut short; the grader process is unharmed; no child process is left behind;
nothing hangs. Every one runs three ways: a learner's practice check, the bubblewrap sandbox, and
(as root) the unprivileged-account fallback; and each of those again with the child forked from
a warm template (grader/running/forkserver.py), as a regrade runs them, where one learner's run
must also leave nothing for the next."""

import os
import sqlite3
import time
from pathlib import Path

import numpy as np
import pytest

from grader.learner.api import Session
from grader.running.runner import SHOWN_OUTPUT_CHARS

pytestmark = pytest.mark.slow  # every submission runs three ways, several to their time limit

ALLCLOSE = np.allclose

HOSTILE = {
    # 1. Loops
    "endless_loop": ("def double(x):\n    while True:\n        pass\n", "timeout"),
    "sleep_forever": ("import time\ndef double(x):\n    time.sleep(10**6)\n", "timeout"),
    "loop_inside_numpy": (
        "import numpy as np\ndef double(x):\n"
        "    return np.apply_along_axis(lambda r: next(v for v in iter(int, 1) if v), 0, "
        "np.ones(3))\n",
        "timeout"),
    # 2. Exits, at import time and inside the function: exit 0 is never a pass
    "sys_exit_in_function": ("import sys\ndef double(x):\n    sys.exit(0)\n", "exit"),
    "sys_exit_at_import": ("import sys\nsys.exit(0)\n", "exit"),
    "os_exit_at_import": ("import os\nos._exit(0)\n", "exit"),
    "os_exit_in_function": ("import os\ndef double(x):\n    os._exit(0)\n", "exit"),
    "raise_systemexit": ("def double(x):\n    raise SystemExit\n", "exit"),
    # 3. Crashes
    "segfault": ("import ctypes\ndef double(x):\n    ctypes.string_at(0)\n", "crash"),
    "sigkill_self": ("import os, signal\ndef double(x):\n    os.kill(os.getpid(), "
                     "signal.SIGKILL)\n", "crash"),
    # 4. Memory
    "huge_array": ("import numpy as np\ndef double(x):\n    return np.ones(10**11)\n", "memory"),
    "growing_list": ("def double(x):\n    hoard = []\n    while True:\n"
                     "        hoard.append(bytearray(10**7))\n", "memory"),
    # Limits that the code raises again first (an independent attacker's rlimit_escape)
    "raises_its_limits_then_hoards": (
        "import resource\nimport numpy as np\n"
        "for limit in (resource.RLIMIT_AS, resource.RLIMIT_FSIZE, resource.RLIMIT_CPU):\n"
        "    try:\n        resource.setrlimit(limit, (resource.RLIM_INFINITY,) * 2)\n"
        "    except (ValueError, OSError):\n        pass\n"
        "    try:\n        resource.setrlimit(limit, (resource.getrlimit(limit)[1],) * 2)\n"
        "    except (ValueError, OSError):\n        pass\n"
        "def double(x):\n    return np.ones(2 * 10**8) * 0 + 2 * x\n", "memory"),
    # 5. Output and files are capped
    "print_100_mb": ("def double(x):\n    print('x' * 10**8)\n    return 2 * x\n", "exception"),
    "write_1_gb": ("def double(x):\n    with open('big.bin', 'wb') as f:\n"
                   "        for _ in range(1000):\n            f.write(b'0' * 10**6)\n"
                   "    return 2 * x\n", "exception"),
    # 6. Odd exceptions
    "keyboard_interrupt": ("def double(x):\n    raise KeyboardInterrupt\n", "exception"),
    "base_exception": ("def double(x):\n    raise BaseException('no')\n", "exception"),
    "infinite_recursion": ("def double(x):\n    return double(x)\n", "exception"),
    # 7. Bad return values
    "returns_none": ("def double(x):\n    2 * x\n", "output"),
    "returns_string": ("def double(x):\n    return 'twice'\n", "output"),
    "returns_object_array": ("import numpy as np\ndef double(x):\n"
                             "    return np.array([object()], dtype=object)\n", "output"),
    "lying_array": ("class Liar:\n    def __array__(self, *a, **k):\n"
                    "        raise RuntimeError('no')\ndef double(x):\n    return Liar()\n",
                    "output"),
    # 8. Inputs changed in place, or handed back
    "mutates_input": ("import numpy as np\ndef double(x):\n    if isinstance(x, np.ndarray):\n"
                      "        x *= 2\n        return x.copy()\n    return 2 * x\n", "mutation"),
    "returns_input_itself": ("import numpy as np\ndef double(x):\n"
                             "    if isinstance(x, np.ndarray):\n        x[...] = x\n"
                             "        return x\n    return 2 * x\n", "mutation"),
    # 11. Broken files
    "empty_file": ("", "missing_function"),
    "only_a_syntax_error": ("def double(x) return 2 * x\n", "syntax"),
    "wrong_function_name": ("def twice(x):\n    return 2 * x\n", "missing_function"),
}

# These end at a cap (memory, the output files), but only after work that a loaded machine slows
# down (hundreds of MB written or touched per case): at the regrade's time limit, which limit
# ends them depends on the load, so either is theirs. Each cap is named when time is no object
# (`test_each_cap_is_named_given_the_time`, `test_huge_output_is_capped_and_flagged`).
CAPPED_AFTER_WORK = ("growing_list", "print_100_mb", "write_1_gb")

# Wrong answers that must fail on their values (no error kind), whatever tricks they use.
WRONG_VALUES = {
    "list_of_wrong_length": "def double(x):\n    return [2 * x, 2 * x]\n",
    "column_for_vector": ("import numpy as np\ndef double(x):\n"
                          "    return np.reshape(2 * np.asarray(x), (-1, 1))\n"),
    "nan_and_inf": "def double(x):\n    return 2 * x * float('inf')\n",
    "float32_noise": ("import numpy as np\ndef double(x):\n"
                      "    return np.random.rand(*np.shape(x)).astype(np.float32)\n"),
    "eq_always_true": ("import numpy as np\nclass Always(np.ndarray):\n"
                       "    def __eq__(self, other):\n        return True\n"
                       "def double(x):\n    return np.asarray(x * 3.0).view(Always)\n"),
    "patches_allclose": ("import numpy as np, numpy.testing\n"
                         "np.allclose = lambda *a, **k: True\n"
                         "np.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)\n"
                         "numpy.testing.assert_allclose = lambda *a, **k: None\n"
                         "import sys\nsys.modules['grader'] = None\n"
                         "def double(x):\n    return x\n"),
    "prints_a_fake_pass": ("import json\nprint('PASSED')\n"
                           "print(json.dumps({'passed': True, 'score': 1.0}))\n"
                           "def double(x):\n    return x\n"),
}


def processes() -> dict[int, tuple[int, str, bytes]]:
    """pid -> (parent pid, name, command line) of every process we can see."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
                status = (entry / "status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if fields.get("State", "").split()[:1] in (["Z"], ["X"]):
                continue  # dead already
            found[int(entry.name)] = (int(fields["PPid"]), fields["Name"].strip(), command)
    return found


def children_left(servers=None) -> list[str]:
    """Child interpreters this test process started that are still alive, and, with fork
    servers, anything their templates have forked (after a grade there must be nothing)."""
    table = processes()
    found = [command.decode(errors="replace") for parent, _, command in table.values()
             if b"child.py" in command and b"--serve" not in command and parent == os.getpid()]
    for server in servers.templates() if servers is not None else []:
        root = server.process.pid  # the template, or bwrap above it
        templates = [pid for pid in descendants(table, root) | {root}
                     if pid in table and table[pid][1] != "bwrap"
                     and (pid == root or table[table[pid][0]][1] == "bwrap")]
        for template in templates:
            found += [table[pid][2].decode(errors="replace")
                      for pid in descendants(table, template)]
    return found


def children_left_once_ended(servers=None) -> list[str]:
    """`children_left` once what was killed has had time to end: a process SIGKILLed a moment
    ago runs nothing more, but is listed (with an empty command line) while the kernel takes it
    down, longer on a loaded machine."""
    deadline = time.monotonic() + 5
    while children_left(servers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return children_left(servers)


def descendants(table: dict, root: int) -> set[int]:
    below, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, (parent, _, _) in table.items() if parent in frontier} - below
        below |= frontier
    return below


ISOLATIONS = ["practice", "bwrap"] + (["account"] if os.geteuid() == 0 else [])
ISOLATIONS += [f"{name}-forked" for name in ISOLATIONS]


def isolation_named(name: str):
    from grader.running.isolation import choose

    name = name.removesuffix("-forked")
    if name == "practice":
        return None
    return choose(name, "nobody" if name == "account" else None)


@pytest.fixture(params=ISOLATIONS)
def session(request, fixture_course, home):
    from grader.running.forkserver import ForkServers
    from grader.running.isolation import Isolation

    s = Session()
    s.isolation = isolation_named(request.param)
    s.fork_server = None
    if request.param.endswith("-forked"):
        s.fork_server = ForkServers(s.isolation or Isolation())
    yield s
    if s.fork_server is not None:
        s.fork_server.close()
    s.close()


def check(session, body: str | bytes):
    from grader.running import open_child

    path = session.workspace.file_for(session.course.resolve("fx01"))
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body)
    # A check that hung would hang this test: the child's own time limit is what ends it.
    if session.fork_server is None:
        return session.check("fx01", seed=3, child=open_child(session.isolation))
    with session.fork_server.child() as child:
        return session.check("fx01", seed=3, child=child)


def assert_recorded_failure(session, result):
    assert not result.verdict.passed
    assert result.attempt_id is not None
    assert len(result.verdict.learner_output) <= SHOWN_OUTPUT_CHARS  # what it printed, bounded
    row = session.connection.execute("SELECT passed FROM attempts WHERE id = ?",
                                      (result.attempt_id,)).fetchone()
    assert row == (0,)
    assert np.allclose is ALLCLOSE  # the grader's own numpy is untouched
    assert children_left_once_ended(session.fork_server) == []


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_submission(session, name):
    body, kind = HOSTILE[name]
    result = check(session, body)
    assert_recorded_failure(session, result)
    error = result.verdict.error
    kinds = {kind, "timeout"} if name in CAPPED_AFTER_WORK else {kind}
    assert error is not None and error.kind in kinds, (name, error)
    assert "\n" not in error.message and len(error.message) < 400


@pytest.mark.parametrize("name", [name for name in CAPPED_AFTER_WORK if name != "print_100_mb"])
def test_each_cap_is_named_given_the_time(session, roomy, name):
    body, kind = HOSTILE[name]
    result = check(session, body)
    assert_recorded_failure(session, result)
    assert result.verdict.error.kind == kind, (name, result.verdict.error)


@pytest.mark.parametrize("name", WRONG_VALUES)
def test_wrong_values_fail_whatever_the_trick(session, name):
    result = check(session, WRONG_VALUES[name])
    assert_recorded_failure(session, result)
    assert result.verdict.cases_passed == 0


def test_huge_output_is_capped_and_flagged(session, roomy):
    result = check(session, HOSTILE["print_100_mb"][0])
    assert_recorded_failure(session, result)
    assert "File too large" in result.verdict.error.message, result.verdict.error
    assert "printed a lot" in " ".join(result.verdict.notes)


def test_a_file_replaced_by_a_folder_or_deleted(session):
    path = session.workspace.file_for(session.course.resolve("fx01"))
    path.write_text("def double(x):\n    return 2 * x\n")
    session.check("fx01")  # opened once
    path.unlink()
    gone = session.check("fx01")
    assert gone.verdict.error.kind == "file" and gone.attempt_id
    path.mkdir()
    folder = session.check("fx01")
    assert folder.verdict.error.kind == "file" and "folder" in folder.verdict.error.message


def test_non_utf8_bytes(session):
    result = check(session, b"def double(x):\n    return 2 * x  # caf\xe9\n")
    assert_recorded_failure(session, result)
    assert result.verdict.error.kind == "syntax" and "UTF-8" in result.verdict.error.message


def test_unseeded_randomness_fails_reproducibly_from_the_recorded_seed(session):
    body = "import random\ndef double(x):\n    return 2 * x if random.random() < 0.7 else x\n"
    first = check(session, body)
    again = check(session, body)
    assert not first.verdict.passed
    assert first.verdict.seed == again.verdict.seed == 3
    assert first.verdict.cases_passed == again.verdict.cases_passed
    assert first.verdict.failing_case == again.verdict.failing_case


def test_writing_a_forged_pass_into_the_database_does_not_survive_regrade(session, home):
    from grader.instructor.regrade import RegradeOptions, regrade

    db = session.db_path
    assert session.learner_id  # the database and this learner exist, as after any first check
    body = (
        "import sqlite3, uuid\n"
        f"conn = sqlite3.connect({str(db)!r})\n"
        "learner = conn.execute('SELECT id FROM learners').fetchone()[0]\n"
        "conn.execute(\"INSERT INTO attempts (id, learner_id, exercise_id, exercise_hash, "
        "created_at, duration_ms, seed, passed, score, cases_total, cases_passed, code_sha256, "
        "code, grader_version, origin) VALUES (?, ?, 'fx01', 'h', '2030-01-01', 1, 1, 1, 1.0, 6,"
        " 6, 'x', 'def double(x): return x', 'forged', 'local')\", (uuid.uuid4().hex, learner))\n"
        "conn.commit()\n"
        "def double(x):\n    return x + 1\n"
    )
    result = check(session, body)
    assert not result.verdict.passed
    forged = session.connection.execute(
        "SELECT count(*) FROM attempts WHERE grader_version = 'forged'").fetchone()[0]
    if session.isolation is not None:  # sandboxed: the database is out of reach
        assert result.verdict.error.kind == "import"
        assert "unable to open database file" in result.verdict.error.message
        assert forged == 0
        return
    assert result.verdict.error is None, result.verdict.error  # the code ran: wrong values
    assert forged == 1  # a local check cannot stop a learner writing their own file...
    results = regrade(session.connection, session.course, RegradeOptions(jobs=1)).results
    assert [r.passed for r in results if r.exercise_id == "fx01"] == [False]
    verified = session.connection.execute("SELECT passed FROM verified").fetchall()
    assert verified == [(0,)]  # ...but the instructor's regrade does not believe it


def test_the_progress_database_is_intact_after_all_that(session):
    check(session, HOSTILE["segfault"][0])
    conn = sqlite3.connect(session.db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# The learner's code shares the child's interpreter, so it can replace how the child sends its
# results. Whatever it sends, the parent reads it as hostile: a failed attempt, recorded.
EVIL_SEND = ("import __main__, json, os\n"
             "send = __main__.write_all\n"
             "def frame_of(header):\n"
             "    return b'LBPF' + len(header).to_bytes(8, 'little') + header\n"
             "def evil(fd, data):\n{body}\n"
             "__main__.write_all = evil\n"
             "def double(x):\n    return 2 * x\n")
RESULT_ATTACKS = {
    "garbage": ("    send(fd, os.urandom(4096))", "did not follow the grader's protocol"),
    "another_round": ("    send(fd, b'7 ' + data.split(b' ', 1)[1])",
                      "did not follow the grader's protocol"),
    "length_over_the_cap": ("    send(fd, b'0 %d\\n' % 2**40)",
                            "did not follow the grader's protocol"),
    "not_a_frame": ("    send(fd, b'0 5\\nhello')", "not in the grader's format"),
    "claims_8_tib": (
        "    header = json.dumps({'meta': {'stage': 'done', 'results': [{'paths': ['']}]},\n"
        "                         'arrays': [['c0|', '<f8', [2**40]]]}).encode()\n"
        "    frame = frame_of(header)\n"
        "    send(fd, b'0 %d\\n' % len(frame) + frame)",
        "describes an array it may not"),
    "claims_more_than_it_holds": (
        "    header = json.dumps({'meta': {'stage': 'done', 'results': [{'paths': ['']}]},\n"
        "                         'arrays': [['c0|', '<f8', [10**6]]]}).encode()\n"
        "    frame = frame_of(header)\n"
        "    send(fd, b'0 %d\\n' % len(frame) + frame)",
        "less data than their header claims"),
    "header_length_2_to_62": (
        "    frame = b'LBPF' + (2**62).to_bytes(8, 'little') + b'{}'\n"
        "    send(fd, b'0 %d\\n' % len(frame) + frame)",
        "cut short or too large"),
    "nested_100000_deep": (
        "    frame = frame_of(b'[' * 100000 + b']' * 100000)\n"
        "    send(fd, b'0 %d\\n' % len(frame) + frame)",
        "not readable"),
}


@pytest.mark.parametrize("name", RESULT_ATTACKS)
def test_the_parent_reads_the_childs_results_as_hostile(session, name):
    body, words = RESULT_ATTACKS[name]
    result = check(session, EVIL_SEND.format(body=body))
    assert_recorded_failure(session, result)
    error = result.verdict.error
    assert error.kind == "output" and words in error.message, error
    assert "\n" not in error.message


def test_a_file_over_the_size_cap_is_a_failed_attempt_stored_without_its_code(session):
    result = check(session, "def double(x):\n    return 2 * x\n" + "#" * 300_000 + "\n")
    assert_recorded_failure(session, result)
    assert result.verdict.error.kind == "file" and "at most 256 KB" in result.verdict.error.message
    code = session.connection.execute("SELECT code FROM attempts WHERE id = ?",
                                      (result.attempt_id,)).fetchone()[0]
    assert code == ""


# What one learner's fork might do to the template it was forked from, or leave behind for the
# next learner graded by the same template. The next, honest, learner must pass as if first.
HONEST = "def double(x):\n    return 2 * x\n"
DAEMON = ("import os, time\n"
          "def double(x):\n"
          "    if os.fork() == 0:\n"
          "        os.setsid()\n"
          "        if os.fork() == 0:\n"
          "            while True:\n"
          "                for name in ('../' + str(n) for n in range(1, 9)):\n"
          "                    try:\n"
          "                        os.makedirs(name, exist_ok=True)\n"
          "                        open(name + '/result_0.bin', 'wb').write(b'LBPF')\n"
          "                    except OSError:\n"
          "                        pass\n"
          "                time.sleep(0.01)\n"
          "        os._exit(0)\n"
          "    time.sleep(0.2)\n"
          "    open('/tmp/left-behind', 'w').write('x') if os.path.isdir('/tmp') else None\n"
          "    return x\n")
# Everything a grade could leave for a later one, each where it could write: its folder, /tmp,
# /dev/shm, /var/tmp, every folder on its import path, SysV shared memory (key 4242).
PLANTS = ("import ctypes, os, sys\n"
          "def double(x):\n"
          "    if os.getuid() == {uid}:  # not sandboxed: this would write into our own Python\n"
          "        return 2 * x\n"
          "    for folder in ['.', '/tmp', '/dev/shm', '/var/tmp'] + sys.path:\n"
          "        for name in ('lbp_planted.py', 'random.py', 'shutil.py'):\n"
          "            try:\n"
          "                open(os.path.join(folder, name), 'w').write('x = 1\\n')\n"
          "            except OSError:\n"
          "                pass\n"
          "    ctypes.CDLL(None).shmget(4242, 4096, 0o1000 | 0o666)  # IPC_CREAT\n"
          "    return 2 * x\n")
# What the next learner looks for: anything PLANTS left (a sandbox must leave nothing; a
# practice check, with no sandbox, only its own folder empty).
LOOKS = ("import ctypes, os, sys\n"
         "def double(x):\n"
         "    sandboxed = os.getcwd() in ('/out', '/tmp') or os.getuid() != {uid}\n"
         "    shared = ['/tmp', '/dev/shm', '/var/tmp'] + sys.path\n"
         "    folders = ['.'] + (shared if sandboxed else [])\n"
         "    found = []\n"
         "    for folder in folders:\n"
         "        try:\n"
         "            found += [n for n in os.listdir(folder) if n == 'lbp_planted.py'\n"
         "                      or (folder != os.path.dirname(os.__file__)\n"
         "                          and n in ('random.py', 'shutil.py'))]\n"
         "        except OSError:\n"
         "            pass\n"
         "    if sandboxed and ctypes.CDLL(None).shmget(4242, 0, 0) >= 0:\n"
         "        found.append('shared memory')\n"
         "    return 2 * x if not found and os.listdir('.') == [] else x\n")
FORK_ATTACKS = {
    "plants_files_modules_and_shared_memory": PLANTS,
    "leaves_a_tree_too_deep_to_remove_recursively": (
        "import os\n"
        "def double(x):\n"
        "    fd = os.open('.', os.O_RDONLY)\n"
        "    for _ in range(3000):\n"
        "        os.mkdir('d', dir_fd=fd)\n"
        "        deeper = os.open('d', os.O_RDONLY, dir_fd=fd)\n"
        "        os.close(fd)\n"
        "        fd = deeper\n"
        "    return 2 * x\n"),
    "kills_its_template": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n" + HONEST,
    "stops_its_template": ("import os, signal\ndef double(x):\n"
                           "    os.kill(os.getppid(), signal.SIGSTOP)\n    return x\n"),
    "leaves_a_daemon_writing_the_next_results": DAEMON,
    "reads_its_templates_memory": (
        "import os\n"
        "def double(x):\n"
        "    try:\n"
        "        first = open(f'/proc/{os.getppid()}/maps').readline().split('-')[0]\n"
        "        with open(f'/proc/{os.getppid()}/mem', 'rb') as memory:\n"
        "            memory.seek(int(first, 16))\n"
        "            memory.read(16)\n"
        "    except OSError:\n"
        "        return 2 * x  # kept out, as it must be\n"
        "    return x\n"),
}


@pytest.fixture(params=[name for name in ISOLATIONS if name.endswith("-forked")])
def forked_session(request, fixture_course, home):
    yield from session.__wrapped__(request, fixture_course, home)


@pytest.mark.parametrize("name", FORK_ATTACKS)
def test_one_learners_fork_leaves_nothing_for_the_next(forked_session, name):
    if forked_session.isolation is None and name.startswith(("leaves_a_daemon", "plants")):
        # A practice check has no sandbox: a daemon in a session of its own outlives it, as
        # it would outlive a fresh child (and would keep running after this test), and files
        # planted on its import path would be planted in this Python.
        return
    attack = check(forked_session, FORK_ATTACKS[name].replace("{uid}", str(os.getuid())))
    assert attack.attempt_id is not None
    if name == "reads_its_templates_memory" and forked_session.isolation is not None:
        assert attack.verdict.passed  # the template is not dumpable: its memory stays shut
    # What the next learner finds: nothing (a practice check: an empty folder).
    for body in (LOOKS.format(uid=os.getuid()), HONEST):
        honest = check(forked_session, body)
        assert honest.verdict.passed, (name, honest.verdict.error, honest.verdict.reason)
    wrong = check(forked_session, "def double(x):\n    return x\n")
    assert not wrong.verdict.passed
    assert children_left_once_ended(forked_session.fork_server) == []
