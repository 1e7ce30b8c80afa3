"""Use the whole time limit and then some, but do the work: sleep until just under the 5 s limit
before answering, while a child process I leave in my own process group (not detached) spins on
the CPU, hoping that with --jobs 2 on two cores the honest learners graded beside or after me
are slowed past their limit, or that the spinning child outlives my grade.

The defence held if: the honest learners pass, no process of mine survives the regrade (my own
verdict may be a pass or a timeout; I do the work)."""
import os
import time

DOES_THE_WORK = True

T0 = time.time()
if os.fork() == 0:
    while time.time() - T0 < 25:
        pass
    os._exit(0)
time.sleep(4.7)


def forward(w, x):
    return w * x
