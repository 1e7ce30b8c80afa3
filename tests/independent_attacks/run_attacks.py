#!/usr/bin/env python3
"""Run every hostile ex01 submission in /work/attacks through a real class regrade.

For each attack file (every *.py here except this driver):

1. build a class: the attacker `mallory`, whose hand-in holds the attack file as their ex01
   code (claimed as a pass: the learner owns their progress database, so the driver writes the
   attack into the hand-in's attempt row instead of running it unsandboxed through
   `learn check`), and three honest learners `zz_honest1..3` with `return w * x`, all as real
   hand-ins (`learn check` + `learn submit`), merged with `learn merge --names-from-files`;
2. for each isolation given (bwrap, account = `--isolation account --as-user nobody`, none) and
   each --jobs value (1 and 2): a fresh copy of the class database, `learn regrade` (timeout
   300 s), then `learn export --format csv` and `learn report --json`;
3. checks: the attacker got no verified pass unless the attack does the work
   (`DOES_THE_WORK = True` in the file); every honest learner has a verified pass (regrade JSON,
   verified rows and the CSV export); if the file defines WITNESS (code for ex02, forged as my
   ex02 submission and graded after my ex01 in the same regrade), it got no pass (a pass means
   state from one grade reached a later one); nothing the attack left survives: processes of this
   regrade (its descendants, polled every 20 ms so a daemon is seen before it detaches, and any
   process whose command line names this regrade's learn-check-<pid>- folders or lbatk), files
   named lbatk* or learn-check-<regrade pid>-* in /tmp, /dev/shm, /var/tmp, SysV IPC objects with
   the attack's keys; free disk did not drop by more than 200 MB (nor available memory by more
   than 1 GB); the regrade did not hang (--timeout, default 300 s) or exit 4. Other people's
   processes and files on a shared machine are deliberately not counted. Whatever is found is
   removed (processes killed by pid, files with rm -rf) before the next run.

Prints one line per (attack, isolation, jobs): HELD or FELL: <why>, then "N held, M fell".

    python tests/independent_attacks/run_attacks.py --project /work/wt-baseline [--isolation bwrap account none]
        [--jobs 1 2] [--attacks name ...] [--timeout 300] [--as-user nobody] [--keep]

An attack file may set `ISOLATIONS = ("bwrap", "account")` to say where it makes sense (the
driver skips the others unless --force-all), and `HEAVY = True` for attacks that should not be
run with other load (they run anyway, one at a time, as everything here does).
"""
from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ATTACKER = "mallory"
HONEST = ["zz_honest1", "zz_honest2", "zz_honest3"]
HONEST_CODE = "def forward(w, x):\n    return w * x\n"
PLACEHOLDER = "def forward(w, x):\n    return 0.0 * w\n"   # a wrong answer, graded locally
PLACEHOLDER02 = "def cost(a, y):\n    return 0.0 * a\n"
AS_USER = "nobody"
WATCH_DIRS = ["/tmp", "/dev/shm", "/var/tmp"]
TIMEOUT = 300
MARK = "lbatk"


def learn(project, args, cwd, timeout=TIMEOUT, env_extra=None, on_start=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = str(project)
    env.pop("LEARN_HOME", None)
    env.pop("LEARN_DB", None)
    env.pop("LEARN_USER", None)
    if env_extra:
        env.update(env_extra)
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    if on_start:
        on_start(proc.pid)
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out, err
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return None, out, err


def attack_meta(path: Path):
    """Read the docstring and constants without running the file."""
    tree = ast.parse(path.read_text())
    meta = {"doc": ast.get_docstring(tree) or "", "DOES_THE_WORK": False,
            "ISOLATIONS": ("bwrap", "account", "none"), "HEAVY": False, "WITNESS": None}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("DOES_THE_WORK", "ISOLATIONS", "HEAVY", "WITNESS"):
                meta[name] = ast.literal_eval(node.value)
    return meta


def make_handin(project, root: Path, name: str, code: str, forge: bool, witness: str | None = None) -> Path:
    ws = root / f"ws-{name}"
    steps = [("ex01", PLACEHOLDER if forge else code)]
    if witness:
        steps.append(("ex02", PLACEHOLDER02))
    for step, text in steps:
        rc, out, err = learn(project, ["--home", str(ws), "--user", name, "path", step], cwd=root)
        if rc != 0:
            raise SystemExit(f"learn path failed: {out}{err}")
        Path(out.strip()).write_text(text)
        rc, out, err = learn(project, ["--home", str(ws), "--user", name, "check", step], cwd=root)
        if rc not in (0, 1):
            raise SystemExit(f"learn check failed ({rc}): {out}{err}")
    handins = root / "handins"
    handins.mkdir(exist_ok=True)
    target = handins / f"handin-{name}.db"
    rc, out, err = learn(project, ["--home", str(ws), "--user", name, "submit", "--out", str(target)], cwd=root)
    if rc != 0:
        raise SystemExit(f"learn submit failed ({rc}): {out}{err}")
    if forge:
        con = sqlite3.connect(target)
        for step, text in [("ex01", code)] + ([("ex02", witness)] if witness else []):
            with con:
                n = con.execute(
                    "UPDATE attempts SET code=?, code_sha256=?, passed=1, score=1.0, cases_passed=cases_total,"
                    " diagnosis=NULL, diagnosis_message=NULL, error_kind=NULL, error_message=NULL, failing_case=NULL"
                    " WHERE exercise_id=?",
                    (text, hashlib.sha256(text.encode()).hexdigest(), step)).rowcount
            if n != 1:
                raise SystemExit(f"forging the hand-in touched {n} rows for {step}")
        con.close()
    return target


# ---------------------------------------------------------------- the machine's state

def proc_info(pid):
    try:
        st = os.stat(f"/proc/{pid}")
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
        return st.st_uid, cmd
    except OSError:
        return None


def proc_starttime(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def processes():
    res = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            info = proc_info(p)
            if info:
                res[(int(p), proc_starttime(p))] = info
    return res


def files():
    res = {}
    for d in WATCH_DIRS:
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for n in names:
            p = os.path.join(d, n)
            try:
                res[p] = os.lstat(p).st_uid
            except OSError:
                pass
    return res


def ipc():
    res = set()
    for kind, flag in (("m", "-m"), ("q", "-q"), ("s", "-s")):
        try:
            out = subprocess.run(["ipcs", flag], capture_output=True, text=True).stdout
        except FileNotFoundError:
            return res
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[0].startswith("0x"):
                res.add((kind, parts[1], parts[0]))
    return res


def free_disk():
    st = os.statvfs("/")
    return st.f_bavail * st.f_frsize


def mem_available():
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def snapshot():
    return {"procs": processes(), "files": files(), "ipc": ipc(), "disk": free_disk(),
            "mem": mem_available()}


IPC_KEYS = {"0x1bad7e57", "0x1bad7e58", "0x1bad7e59"}


class Tracker:
    """Every process of this regrade: the regrade's descendants (polled every 20 ms while it
    runs, so a daemon is seen before it detaches) and anything whose command line names this
    regrade's temp folders (a fork keeps its template's command line) or lbatk."""

    def __init__(self, regrade_pid):
        import threading
        self.root = regrade_pid
        self.tag = f"learn-check-{regrade_pid}-".encode()
        self.seen = {}
        self.stop = False
        self.t = threading.Thread(target=self.loop, daemon=True)
        self.t.start()

    def scan(self):
        ppid = {}
        stats = {}
        for p in os.listdir("/proc"):
            if not p.isdigit():
                continue
            try:
                with open(f"/proc/{p}/stat") as fh:
                    f = fh.read().rsplit(")", 1)[1].split()
                ppid[int(p)] = int(f[1])
                stats[int(p)] = int(f[19])
            except (OSError, IndexError, ValueError):
                pass
        kids = {}
        for p, pp in ppid.items():
            kids.setdefault(pp, []).append(p)
        todo = [self.root]
        desc = set()
        while todo:
            q = todo.pop()
            for k in kids.get(q, ()):
                if k not in desc:
                    desc.add(k)
                    todo.append(k)
        for p in desc:
            self.seen[(p, stats.get(p))] = True
        for p in ppid:
            if (p, stats.get(p)) in self.seen:
                continue
            try:
                with open(f"/proc/{p}/cmdline", "rb") as fh:
                    c = fh.read()
            except OSError:
                continue
            if self.tag in c or MARK.encode() in c:
                self.seen[(p, stats.get(p))] = True

    def loop(self):
        while not self.stop:
            try:
                self.scan()
            except Exception:
                pass
            time.sleep(0.02)

    def finish(self):
        self.stop = True
        self.t.join(2)
        self.scan()

    def alive(self):
        out = []
        for (p, st) in list(self.seen):
            if p == self.root:
                continue
            if proc_starttime(p) == st and st is not None:
                info = proc_info(p)
                if info:
                    try:
                        state = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[0]
                    except OSError:
                        continue
                    if state == "Z":
                        continue
                    out.append((p, info[0], f"[{state}] " + info[1][:110]))
        return out


def leftovers(before, tracker, workdir):
    """What is new since `before` and is this regrade's or the attack's."""
    found_procs = tracker.alive()
    found_files, found_ipc = [], []
    for p, uid in files().items():
        if p in before["files"] or p.startswith(str(workdir)):
            continue
        base = os.path.basename(p)
        if MARK in base or base.startswith(f"learn-check-{tracker.root}-"):
            found_files.append(p)
    for obj in ipc() - before["ipc"]:
        if obj[2] in IPC_KEYS:
            found_ipc.append(obj)
    return found_procs, found_files, found_ipc


def rm_tree(p):
    """rm -rf, after making every folder searchable: shutil.rmtree recurses and fails on a
    tree deeper than Python's recursion limit (deep_tree.py)."""
    subprocess.run(["chmod", "-R", "u+rwx", str(p)], capture_output=True)
    subprocess.run(["rm", "-rf", "--one-file-system", str(p)], capture_output=True)


def clean(found_procs, found_files, found_ipc):
    for pid, _, _ in found_procs:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for p in found_files:
        try:
            if os.path.isdir(p) and not os.path.islink(p):
                rm_tree(p)
            else:
                os.unlink(p)
        except OSError:
            pass
    for kind, ident, _ in found_ipc:
        subprocess.run(["ipcrm", f"-{kind}", ident], capture_output=True)


# ---------------------------------------------------------------- one run

def parse_csv(text):
    rows = {}
    try:
        for row in csv.DictReader(io.StringIO(text)):
            rows[row.get("learner")] = row
    except csv.Error:
        pass
    return rows


def verified_rows(db):
    con = sqlite3.connect(db)
    try:
        cols = [r[1] for r in con.execute("PRAGMA table_info(verified)")]
        rows = con.execute("SELECT v.*, l.name FROM verified v JOIN learners l ON l.id = v.learner_id").fetchall()
    except sqlite3.Error as e:
        return {"error": str(e)}
    finally:
        con.close()
    out = {}
    for r in rows:
        d = dict(zip(cols + ["name"], r))
        out.setdefault(d["name"], []).append(d)
    return out


class Listener:
    """127.0.0.1:8001 (when free) and the abstract unix socket "lbatk-host", greeting every
    connection with b"lbatk-host": what network_loopback.py tries to hear from the sandbox."""

    def __init__(self):
        import socket
        import threading
        self.socks = []
        for fam, addr in ((socket.AF_INET, ("127.0.0.1", 8001)), (socket.AF_UNIX, "\0lbatk-host")):
            try:
                s = socket.socket(fam, socket.SOCK_STREAM)
                if fam == socket.AF_INET:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(addr)
                s.listen(16)
                s.settimeout(0.2)
                self.socks.append(s)
            except OSError:
                pass
        self.stop = False
        self.threads = [threading.Thread(target=self.serve, args=(s,), daemon=True) for s in self.socks]
        for t in self.threads:
            t.start()

    def serve(self, s):
        while not self.stop:
            try:
                c, _ = s.accept()
            except OSError:
                continue
            try:
                c.sendall(b"lbatk-host\n")
            except OSError:
                pass
            c.close()

    def close(self):
        self.stop = True
        for t in self.threads:
            t.join(1)
        for s in self.socks:
            s.close()


def run_one(project, classdb: Path, work: Path, iso: str, jobs: int, meta) -> list[str]:
    db = work / f"class-{iso}-{jobs}.db"
    shutil.copy(classdb, db)
    args = ["--db", str(db), "regrade", "--jobs", str(jobs), "--json"]
    if iso == "account":
        args += ["--isolation", "account", "--as-user", AS_USER]
    else:
        args += ["--isolation", iso]
    before = snapshot()
    t0 = time.time()
    box = {}
    rc, out, err = learn(project, args, cwd=work, timeout=TIMEOUT, on_start=lambda pid: box.setdefault("t", Tracker(pid)))
    took = time.time() - t0
    (work / f"regrade-{iso}-{jobs}.err").write_text(err)
    time.sleep(2)  # let a detached process show itself
    tracker = box["t"]
    tracker.finish()
    problems = []
    if rc is None:
        problems.append(f"regrade hung (killed after {TIMEOUT} s; stderr: {' '.join(err.split())[-160:]})")
    elif rc == 4:
        problems.append("regrade crashed (exit 4): " + err.strip().splitlines()[-1][:200] if err.strip() else "regrade crashed (exit 4)")
    elif rc not in (0, 1):
        problems.append(f"regrade exited {rc}: {(err.strip().splitlines() or [''])[-1][:200]}")
    results = {}
    witness = None
    try:
        for r in json.loads(out):
            if r.get("exercise_id") == "ex01":
                results[r["learner"]] = r
            elif r.get("exercise_id") == "ex02" and r.get("learner") == ATTACKER:
                witness = r
    except (ValueError, TypeError, KeyError):
        if rc is not None and rc != 4:
            problems.append("regrade printed no JSON")
    # what grades rest on: the export and the report, read a little after the regrade
    _, csv_out, _ = learn(project, ["--db", str(db), "export", "--format", "csv"], cwd=work, timeout=60)
    rows = parse_csv(csv_out)
    ver = verified_rows(db)
    a = results.get(ATTACKER)
    a_csv = rows.get(ATTACKER, {}).get("ex01")
    graded = bool(results)
    if not meta["DOES_THE_WORK"]:
        if a and a.get("passed"):
            problems.append("attacker got a verified pass without the work")
        elif a_csv not in (None, "", "0.0", "0") and (graded or rc == 4):
            problems.append(f"attacker's exported ex01 is {a_csv}")
    if meta["WITNESS"]:
        w_csv = rows.get(ATTACKER, {}).get("ex02")
        if (witness and witness.get("passed")) or (graded and w_csv not in (None, "", "0.0", "0")):
            problems.append("state from my ex01 grade reached my later ex02 grade (the witness passed)")
    for h in HONEST:
        r = results.get(h)
        if r is None:
            if rc is not None:
                problems.append(f"{h} not graded")
        elif not r.get("passed"):
            problems.append(f"{h} lost their pass ({(r.get('reason') or '')[:90]})")
        h_csv = rows.get(h, {}).get("ex01")
        if h_csv not in ("1.0", "1"):
            problems.append(f"{h}'s exported ex01 is {h_csv!r}")
        if isinstance(ver, dict) and "error" not in ver:
            vs = [v for v in ver.get(h, []) if v.get("exercise_id") == "ex01"]
            if not vs:
                problems.append(f"{h} has no verified row")
    if isinstance(ver, dict) and "error" not in ver:
        for name in ver:
            if name not in HONEST and name != ATTACKER:
                problems.append(f"verified rows for an unknown learner {name!r}")
    fp, ff, fi = leftovers(before, tracker, work)
    if fp:
        problems.append(f"{len(fp)} process(es) survived: " + "; ".join(f"pid {p} uid {u} {c}" for p, u, c in fp[:3]))
    if ff:
        problems.append(f"{len(ff)} file(s) survived: " + ", ".join(ascii(f)[1:-1] for f in ff[:4]))
    if fi:
        problems.append(f"{len(fi)} IPC object(s) survived: " + ", ".join(f"{k}:{i}" for k, i, _ in fi[:4]))
    drop = before["disk"] - free_disk()
    if drop > 200 * 2**20:
        problems.append(f"free disk dropped by {drop / 2**20:.0f} MB")
    mdrop = before["mem"] - mem_available()
    if mdrop > 1024 * 2**20:
        problems.append(f"available memory dropped by {mdrop / 2**20:.0f} MB (parked in tmpfs?)")
    clean(fp, ff, fi)
    # a second look, for anything restarted by what we just killed
    time.sleep(0.5)
    fp2, ff2, fi2 = leftovers(before, tracker, work)
    clean(fp2, ff2, fi2)
    problems_str = "; ".join(problems)
    status = "HELD" if not problems else "FELL: " + problems_str
    return status, took


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--project", required=True, type=Path)
    # Not none by default: as root with no sandbox, import_hijack writes into the Python that
    # runs the grader (it once replaced its standard library).
    ap.add_argument("--isolation", nargs="+", default=["bwrap", "account"],
                    choices=["bwrap", "account", "none"])
    ap.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--attacks", nargs="+", help="attack names (file stems); default all")
    ap.add_argument("--force-all", action="store_true", help="ignore each attack's ISOLATIONS")
    ap.add_argument("--keep", action="store_true", help="keep the temp folders")
    ap.add_argument("--timeout", type=int, default=300, help="seconds before a regrade counts as hung")
    ap.add_argument("--as-user", default="nobody", help="the account for --isolation account (default nobody)")
    ns = ap.parse_args()
    global AS_USER, TIMEOUT
    AS_USER = ns.as_user
    TIMEOUT = ns.timeout
    project = ns.project.resolve()
    names = ns.attacks or sorted(p.stem for p in HERE.glob("*.py") if p.name != "run_attacks.py")
    base = Path(tempfile.mkdtemp(prefix="lbdriver-", dir="/tmp"))
    listener = Listener()
    os.chmod(base, 0o700)
    held = fell = 0
    try:
        honest_dir = base / "honest"
        honest_dir.mkdir()
        honest = [make_handin(project, honest_dir, h, HONEST_CODE, forge=False) for h in HONEST]
        for name in names:
            path = HERE / f"{name}.py"
            meta = attack_meta(path)
            work = base / name
            work.mkdir()
            (work / "handins").mkdir()
            make_handin(project, work, ATTACKER, path.read_text(), forge=True, witness=meta["WITNESS"])
            for h in honest:
                shutil.copy(h, work / "handins" / h.name)
            classdb = work / "class.db"
            rc, out, err = learn(project, ["merge", *sorted(str(p) for p in (work / "handins").glob("*.db")),
                                           "--into", str(classdb), "--names-from-files"], cwd=work)
            if rc != 0:
                print(f"{name:34s} (setup)   FELL: merge exited {rc}: {err.strip()[-200:]}", flush=True)
                fell += 1
                continue
            for iso in ns.isolation:
                if iso not in meta["ISOLATIONS"] and not ns.force_all:
                    continue
                for jobs in ns.jobs:
                    status, took = run_one(project, classdb, work, iso, jobs, meta)
                    if status == "HELD":
                        held += 1
                    else:
                        fell += 1
                    print(f"{name:34s} {iso:8s} jobs={jobs}  {status}   [{took:.1f} s]", flush=True)
    finally:
        listener.close()
        if not ns.keep:
            rm_tree(base)
    print(f"{held} held, {fell} fell")


if __name__ == "__main__":
    main()
