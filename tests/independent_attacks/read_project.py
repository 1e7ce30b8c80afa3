"""Read what I should not: walk the filesystem I can see (10 s at most) for the project's
reference solutions (exercises/ex01_forward/solution.py, reference/neuron.py), other learners'
submitted code (ex01_forward.py files that are not mine, hand-in and class databases), and look
through /proc/*/cmdline, /proc/*/environ and /proc/*/fd of other processes. If I find the
reference solution or another learner's code for this step, I "copy" it: then (and only then)
I return the right answer, so a verified pass means the sandbox leaked it.

The defence held if: my answer is a verified fail (nothing was found), and the honest learners
pass. (The threat model says the account and none isolations can read what the account can
read, so a FELL there is the documented limit when the project is world-readable.)"""
import os
import time

DOES_THE_WORK = False
ISOLATIONS = ("bwrap", "account")

T0 = time.time()
MINE = os.path.abspath(__file__)
LEAKS = []


def interesting(path, name):
    if name == "solution.py" and "ex01" in path:
        return True
    if name == "neuron.py" and "reference" in path:
        return True
    if name == "ex01_forward.py" and os.path.abspath(path) != MINE:
        return True
    if name.endswith(".db") and ("handin" in name or "class" in name):
        return True
    return False


for root, dirs, files in os.walk("/", topdown=True, onerror=lambda e: None):
    if time.time() - T0 > 10:
        break
    if root in ("/proc", "/sys", "/dev"):
        dirs[:] = []
        continue
    dirs[:] = [d for d in dirs if d not in ("proc", "sys") or root != "/"]
    for n in files:
        p = os.path.join(root, n)
        if interesting(p, n):
            try:
                with open(p, "rb") as fh:
                    data = fh.read(4096)
                if data:
                    LEAKS.append(p)
            except OSError:
                pass

me = os.getpid()
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == me:
        continue
    for what in ("environ", "cmdline"):
        try:
            with open(f"/proc/{pid}/{what}", "rb") as fh:
                data = fh.read()
            if b"--db" in data or b"class" in data and b".db" in data:
                LEAKS.append(f"/proc/{pid}/{what}")
        except OSError:
            pass
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            t = os.readlink(f"/proc/{pid}/fd/{fd}")
            if t.endswith(".db") or "ex01_forward" in t:
                with open(f"/proc/{pid}/fd/{fd}", "rb") as fh:
                    fh.read(16)
                LEAKS.append(t)
    except OSError:
        pass

COPIED = any(p.endswith(("solution.py", "neuron.py", "ex01_forward.py", ".db")) for p in LEAKS)


def forward(w, x):
    if COPIED:
        return w * x      # "copied" from what leaked
    return w + x
