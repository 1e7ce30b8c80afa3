"""Every grade sealed from the next (issue 18): what a graded process can write, what of it
persists, how many processes it may start, how much it may store, whether it reaches the
network; and a fault of the grader's own is "not graded", never the learner's fail.

Each attack runs in every sandboxed isolation, in a fresh child and forked from a template, as a
regrade runs it. Learner files here are written for these tests."""

import json
import os
import re
import shutil
import socket
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from grader.learner.api import Session
from grader.running import open_child
from grader.running.forkserver import ForkServers
from grader.running.isolation import FOLDER_BYTES, choose
from grader.running.runner import PROCESSES

pytestmark = pytest.mark.slow

HONEST = "def double(x):\n    return 2 * x\n"
SANDBOXED = ["bwrap"] + (["account"] if os.geteuid() == 0 else [])
WAYS = [f"{kind}-{how}" for kind in SANDBOXED for how in ("fresh", "forked")]


@pytest.fixture(params=WAYS)
def grader(request, fixture_course, home, roomy):
    """A session whose checks run as a regrade runs them, in `request.param`'s way."""
    kind, how = request.param.split("-")
    session = Session()
    session.isolation = choose(kind, "nobody" if kind == "account" else None)
    session.servers = ForkServers(session.isolation) if how == "forked" else None
    yield session
    if session.servers is not None:
        session.servers.close()
    session.close()


def check(session, body: str):
    path = session.workspace.file_for(session.course.resolve("fx01"))
    path.write_text(body)
    return session.check("fx01", seed=3, child=open_child(session.isolation, session.servers))


def printed(result) -> str:
    return result.verdict.learner_output


# Tries to create a file in every folder it can see (but /proc and /sys), then prints the folders
# where that worked.
WALKS = """import os
def double(x):
    writable = []
    for top, folders, _ in os.walk('/'):
        if top.startswith(('/proc', '/sys')):
            folders[:] = []
            continue
        try:
            open(os.path.join(top, '.lbp-probe'), 'w').close()
            writable.append(top)
            folders[:] = []  # below a writable folder: more of the same
        except OSError:
            pass
    print('WRITABLE', sorted(writable))
    return 2 * x
"""
# A grade that leaves what it can: a file in each writable folder, SysV shared memory, a
# message queue, a process.
LEAVES = """import ctypes, os, time
def double(x):
    for folder in ('.', '/tmp', '/dev/shm', '/var/tmp'):
        try:
            open(os.path.join(folder, 'lbp-left'), 'w').write('def double(x): return 2 * x')
        except OSError:
            pass
    libc = ctypes.CDLL(None)
    libc.shmget(4343, 4096, 0o1000 | 0o666)
    libc.msgget(4343, 0o1000 | 0o666)
    if os.fork() == 0:
        os.setsid()
        time.sleep(60)
        os._exit(0)
    return 2 * x
"""
# What the next grade finds of it. (The processes are only counted, not judged: an account's
# killed processes wait as zombies until PID 1 reaps them, and one reaped between the listing
# and the read vanishes, which is no error of this grade.)
FINDS = """import ctypes, os
def double(x):
    found = [f for f in ('lbp-left', '/tmp/lbp-left', '/dev/shm/lbp-left', '/var/tmp/lbp-left')
             if os.path.exists(f)]
    libc = ctypes.CDLL(None)
    found += ['shm'] * (libc.shmget(4343, 0, 0) >= 0) + ['msg'] * (libc.msgget(4343, 0) >= 0)
    others = []
    for p in os.listdir('/proc'):
        if not p.isdigit() or int(p) == os.getpid():
            continue
        try:
            command = open(f'/proc/{p}/cmdline', 'rb').read()
            mine = os.stat(f'/proc/{p}').st_uid == os.getuid()
        except OSError:
            continue
        if mine and b'sleep' not in command and b'child.py' not in command:
            others.append(p)
    print('FOUND', found, 'PROCESSES', len(others))
    return 2 * x if not found else x
"""


def test_a_grade_writes_only_its_own_capped_folders_and_nothing_of_it_persists(grader):
    walk = check(grader, WALKS)
    assert walk.verdict.passed, walk.verdict.reason
    writable = set(eval(re.search(r"WRITABLE (\[.*\])", printed(walk)).group(1)))
    cwd_is = {"/out"} if grader.isolation.kind == "bwrap" else set()
    allowed = {"/tmp", "/dev/shm", "/var/tmp"} | cwd_is
    own = writable - allowed
    # The account's own working folder is the one other place (a capped tmpfs too).
    assert all("learn-check-" in folder for folder in own), own
    left = check(grader, LEAVES)
    assert left.verdict.passed
    finds = check(grader, FINDS)
    assert finds.verdict.passed, printed(finds)


def test_nothing_on_the_import_path_is_writable(grader):
    body = ("import sys, os\n"
            "def double(x):\n"
            "    hits = []\n"
            "    for folder in sys.path + [os.path.dirname(os.__file__)]:\n"
            "        try:\n"
            "            open(os.path.join(folder or '.', 'lbp_mod.py'), 'w').close()\n"
            "            hits.append(folder)\n"
            "        except OSError:\n"
            "            pass\n"
            "    print('HITS', hits)\n"
            "    return 2 * x if not hits else x\n")
    result = check(grader, body)
    assert result.verdict.passed, printed(result)


FORK_BOMB = """import os, time
def double(x):
    made = 0
    for _ in range(1000):
        try:
            if os.fork() == 0:
                time.sleep(3)
                os._exit(0)
            made += 1
            print('MADE', made, flush=True)  # as it goes: a loaded machine may time it out first
        except OSError:
            break
    return 2 * x
"""


def test_a_fork_bomb_stays_within_its_grade(grader, fixture_course):
    # An honest learner graded at the same time, in a child of its own, is not harmed. (An
    # account grades one at a time, machine-wide: its neighbour would wait for this grader's
    # template to close, so only bwrap has one.)
    outcome = {}

    def honest_meanwhile():
        time.sleep(0.3)
        neighbour = Session()
        try:
            outcome["result"] = check_with(neighbour, grader.isolation, HONEST)
        finally:
            neighbour.close()

    thread = threading.Thread(target=honest_meanwhile)
    if grader.isolation.kind == "bwrap":
        thread.start()
    bomb = check(grader, FORK_BOMB)
    made = max(map(int, re.findall(r"MADE (\d+)", printed(bomb))), default=0)
    assert made < PROCESSES, made
    if grader.isolation.kind == "account" and grader.servers is None:
        # swept, and reaped but for a few: the next grade as it can fork (a forked way's template
        # holds the lock until the session closes)
        from grader.running.accounts import (
            ZOMBIES_LEFT,
            AccountLock,
            account_entry,
            account_processes,
        )

        with AccountLock("nobody"):
            left = account_processes(account_entry("nobody").pw_uid, zombies=True)
            assert len(left) <= ZOMBIES_LEFT, len(left)
    if grader.isolation.kind == "bwrap":
        thread.join()
        assert outcome["result"].verdict.passed, outcome["result"].verdict.reason
    assert check(grader, HONEST).verdict.passed


def check_with(session, isolation, body):
    path = session.workspace.file_for(session.course.resolve("fx01"))
    path.write_text(body)
    return session.check("fx01", seed=3, child=open_child(isolation))


DISK_FILL = """import os
def double(x):
    total = 0
    for folder in ('.', '/tmp', '/dev/shm', '/var/tmp'):
        for number in range(400):
            try:
                with open(os.path.join(folder, f'fill{number}'), 'wb') as handle:
                    handle.write(b'0' * 2**20)
                total += 1
            except OSError:
                break
    print('WROTE_MB', total)
    return 2 * x
"""


def test_disk_use_is_capped_in_total(grader):
    # Every folder it can write is a capped tmpfs (a host folder would take up to 1.6 GB here):
    # the writes stop at the caps, and the tmpfs go with the grade.
    fill = check(grader, DISK_FILL)
    wrote = int(re.search(r"WROTE_MB (\d+)", printed(fill)).group(1))
    caps = sum(FOLDER_BYTES.values()) + (16 << 20)  # and /var/tmp for an account
    assert 0 < wrote * 2**20 <= caps + (4 << 20), wrote
    assert check(grader, HONEST).verdict.passed


def test_graded_code_has_no_network(grader):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    body = ("import socket\n"
            "def double(x):\n"
            "    try:\n"
            f"        socket.create_connection(('127.0.0.1', {port}), timeout=1).close()\n"
            "        return x\n"
            "    except OSError:\n"
            "        return 2 * x\n")
    try:
        result = check(grader, body)
    finally:
        server.close()
    assert result.verdict.passed, result.verdict.reason


# -- the grader's own faults ---------------------------------------------------------------------

SLOW_HONEST = "import time\ndef double(x):\n    time.sleep(0.8)\n    return 2 * x\n"


def test_a_template_killed_mid_grade_is_not_graded_and_the_next_grade_is(fixture_course, home,
                                                                       roomy):
    session = Session()
    with ForkServers(choose("bwrap")) as servers:
        path = session.workspace.file_for(session.course.resolve("fx01"))
        path.write_text(SLOW_HONEST)

        def kill_the_template():
            time.sleep(0.4)
            for server in servers.templates():
                os.killpg(server.process.pid, 9)

        killer = threading.Thread(target=kill_the_template)
        killer.start()
        with servers.child() as child:
            result = session.check("fx01", seed=3, child=child)
        killer.join()
        assert result.verdict.error.kind == "not_graded", result.verdict.error
        with servers.child() as child:
            assert session.check("fx01", seed=3, child=child).verdict.passed
    session.close()


def test_a_regrade_that_cannot_write_a_job_records_nothing_and_the_rerun_grades_it(
        fixture_course, home, monkeypatch, runner):
    from grader.cli import cli
    from grader.running import runner as runner_module

    session = Session()
    path = session.workspace.file_for(session.course.resolve("fx01"))
    path.write_text(HONEST)
    assert session.check("fx01").verdict.passed
    db = session.db_path
    session.close()
    real_write = runner_module.Child._write

    def disk_full(self, data, name):
        if name.startswith("submission"):
            raise runner_module.GraderFault("the grader could not write the job "
                                            "(No space left on device)")
        return real_write(self, data, name)

    monkeypatch.setattr(runner_module.Child, "_write", disk_full)
    first = runner.invoke(cli, ["--db", str(db), "regrade", "--jobs", "1"])
    assert first.exit_code == 1, first.output
    assert "1 not graded" in first.output and "No space left" in first.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM verified").fetchone() == (0,)
    monkeypatch.setattr(runner_module.Child, "_write", real_write)
    second = runner.invoke(cli, ["--db", str(db), "regrade", "--jobs", "1"])
    assert second.exit_code == 0, second.output
    assert conn.execute("SELECT passed FROM verified").fetchall() == [(1,)]


def test_many_grades_on_many_templates_under_load_all_pass(fixture_course, home, tmp_path):
    """The old race: a "kill" for a fork that had exited read by its template as the next job;
    and templates started by worker threads that end (bwrap's --die-with-parent then killed a
    template serving other threads). 24 grades, 6 templates, half of them timing out."""
    from grader.course.spec import Course
    from grader.grading.grade import grade_file

    exercise = Course.load().resolve("fx01")
    isolation = choose("bwrap")
    outcomes = []
    endless = "import time\ndef double(x):\n    time.sleep(100)\n"  # times out, burns no CPU

    def grade(servers, number, body):
        path = tmp_path / f"learner{number}" / exercise.learner_filename
        path.parent.mkdir()
        path.write_text(body)
        with servers.child() as child:
            outcomes.append((body, grade_file(exercise, path, seed=3, child=child)[0]))

    with ForkServers(isolation, size=6) as servers:
        threads = [threading.Thread(target=grade, args=(servers, i, HONEST if i % 2 else endless))
                   for i in range(24)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(outcomes) == 24
    for body, verdict in outcomes:
        if body == HONEST:
            assert verdict.passed, verdict.reason
        else:
            assert verdict.error.kind == "timeout", verdict.error


# -- sandboxed by default --------------------------------------------------------------------------

def test_a_regrade_without_a_sandbox_is_refused_unless_said_in_words(fixture_course, home,
                                                                     monkeypatch, runner):
    from grader.cli import cli
    from grader.running import isolation

    session = Session()
    path = session.workspace.file_for(session.course.resolve("fx01"))
    path.write_text(HONEST)
    session.check("fx01")
    db = session.db_path
    session.close()
    monkeypatch.setattr(isolation, "bwrap_problem", lambda owner=None: "bwrap is not installed")
    refused = runner.invoke(cli, ["--db", str(db), "regrade"])
    assert refused.exit_code == 2 and "--isolation none" in refused.output, refused.output
    assert sqlite3.connect(db).execute("SELECT count(*) FROM verified").fetchone() == (0,)
    said = runner.invoke(cli, ["--db", str(db), "regrade", "--isolation", "none"])
    assert said.exit_code == 0 and "with no sandbox" in said.output, said.output
    exported = runner.invoke(cli, ["--db", str(db), "export", "--format", "json"])
    steps = json.loads(exported.output)[0]["steps"]
    assert steps["fx01"]["unverified"] and not steps["fx01"]["verified"], steps["fx01"]


@pytest.mark.skipif(os.geteuid() != 0, reason="an account needs a root grader")
def test_as_user_with_several_jobs_finishes(fixture_course, home):
    from grader.instructor.cluster import IsolationRequest
    from grader.instructor.regrade import RegradeOptions, regrade

    session = Session()
    for body in (HONEST, "def double(x):\n    return x\n"):
        path = session.workspace.file_for(session.course.resolve("fx01"))
        path.write_text(body)
        session.check("fx01")
    finished = []
    db, course = session.db_path, session.course
    session.close()

    def regrade_in_a_thread():  # (so that a hang fails the test instead of stopping it)
        from grader.database import store

        conn = store.connect(db)
        try:
            options = RegradeOptions(IsolationRequest("account", "nobody"), jobs=2)
            finished.append(regrade(conn, course, options))
        finally:
            conn.close()

    worker = threading.Thread(target=regrade_in_a_thread)
    worker.start()
    worker.join(timeout=120)
    assert finished, "the regrade hung"
    assert [r.graded for r in finished[0].results] == [True]


@pytest.mark.skipif(os.geteuid() != 0, reason="an account needs a root grader")
def test_the_account_lock_is_the_machines_not_a_homes(tmp_path, monkeypatch):
    from grader.running.accounts import AccountLock, lock_folder

    folder = lock_folder()
    assert not str(folder).startswith(str(Path.home()))
    info = folder.stat()
    assert info.st_uid == 0 and not info.st_mode & 0o022
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert lock_folder() == folder
    first = AccountLock("nobody").acquire()
    taken = []
    other = threading.Thread(target=lambda: taken.append(AccountLock("nobody").acquire()))
    other.start()
    other.join(timeout=0.5)
    assert not taken  # another holder waits...
    first.release()  # ...until this one lets go, from any thread
    other.join(timeout=5)
    assert taken
    taken[0].release()


def test_bubblewrap_as_an_account_never_overlaps_the_account_kinds_sweep():
    # The account kind ends every process of the account after each grade: a bwrap grade run
    # as that account (--as-user) by another grader must not be running then. bwrap grades
    # share the lock among themselves.
    from grader.running.accounts import lock_for
    from grader.running.isolation import Isolation

    as_account = Isolation("bwrap", "nobody")
    first, second = lock_for(as_account).acquire(), lock_for(as_account).acquire()  # both held
    sweeping = []
    sweep = threading.Thread(
        target=lambda: sweeping.append(lock_for(Isolation("account", "nobody")).acquire()))
    sweep.start()
    sweep.join(timeout=0.5)
    assert not sweeping  # the account kind waits for both bwrap grades...
    first.release()
    second.release()
    sweep.join(timeout=5)
    assert sweeping  # ...then has the account to itself
    waiting = []
    later = threading.Thread(target=lambda: waiting.append(lock_for(as_account).acquire()))
    later.start()
    later.join(timeout=0.5)
    assert not waiting  # and a bwrap grade waits for its sweep
    sweeping[0].release()
    later.join(timeout=5)
    assert waiting
    waiting[0].release()
    assert lock_for(Isolation("bwrap", None)) is None  # bwrap as its own uid: nothing to share


def test_a_cluster_refuses_workers_whose_code_would_have_the_network(monkeypatch):
    from grader.instructor import cluster
    from grader.running.isolation import Isolation

    monkeypatch.setattr(cluster, "_worker_course", lambda: None)
    monkeypatch.setattr(cluster, "fingerprint", lambda course: "same")
    for unsealed in (Isolation("none"), Isolation("account", "nobody", sealed=False)):
        monkeypatch.setattr(cluster, "choose",
                            lambda *a, unsealed=unsealed, **k: unsealed)
        report = cluster.worker_report(cluster.IsolationRequest("auto", None, False))
        assert "network" in report["problem"]


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("chattr") is None,
                    reason="an entry even root cannot remove needs chattr, as root")
def test_removing_what_a_child_left_never_changes_the_folder_above(tmp_path):
    """As root, the sweep of an account's files in /tmp must leave /tmp's own mode alone when an
    entry resists removal (it once made /tmp 0700)."""
    import subprocess

    from grader.running.child import remove_tree

    above = tmp_path / "shared"
    above.mkdir()
    above.chmod(0o1777)
    stuck = above / "left" / "deeper"
    stuck.mkdir(parents=True)
    (stuck / "pinned").write_text("x")
    subprocess.run(["chattr", "+i", str(stuck / "pinned")], check=True)
    try:
        remove_tree(str(above / "left"))
        assert (above.stat().st_mode & 0o7777) == 0o1777
    finally:
        subprocess.run(["chattr", "-i", str(stuck / "pinned")], check=True)
