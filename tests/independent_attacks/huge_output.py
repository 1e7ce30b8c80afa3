"""Flood the grader with output: 100 MB on stdout and stderr (SIGXFSZ ignored, soft file-size
limit raised to the hard one first), terminal escape codes and NUL bytes, an exception whose
message is 20 MB, then from forward() a 50-million-element array of the wrong shape, hoping the
parent runs out of memory, crashes (exit 4), hangs, or garbles the next learner's results.

The defence held if: the regrade ends normally, my answer fails, the honest learners pass."""
import os
import resource
import signal
import sys

DOES_THE_WORK = False

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
try:
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.getrlimit(resource.RLIMIT_FSIZE)[1],) * 2)
except (OSError, ValueError):
    pass
block = ("\x1b[2J\x1b]0;PASSED\x07\0" + "A" * 1000 + "\n") * 1000
for _ in range(100):
    try:
        os.write(1, block.encode())
        os.write(2, block.encode())
    except OSError:
        break
sys.stdout.write("\u2713 ex01 passed: 20 of 20 cases right\n")
CALLS = [0]


def forward(w, x):
    import numpy as np
    CALLS[0] += 1
    if CALLS[0] == 1:
        return np.zeros(50_000_000, dtype=np.uint8)
    if CALLS[0] == 2:
        raise ValueError("x" * 20_000_000)
    return np.full(1000, 1e308) * 10
