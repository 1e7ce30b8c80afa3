"""Reach the host's network from the sandbox: connect to 127.0.0.1 on 8001 (the dashboard's
port), 8786 (a Dask scheduler) and 8787, and to the abstract unix socket "lbatk-host". While
the regrade runs, the driver listens on 127.0.0.1:8001 (when free) and on that abstract socket
and greets with "lbatk-host". Only if I hear that greeting do I return the right answer, so a
verified pass means the code reached the host's loopback. Loopback addresses only.

The defence held if: my answer fails (no greeting heard), the honest learners pass. (The
threat model says account and none may use the network: a FELL there is the documented
limit.)"""
import socket

DOES_THE_WORK = False
ISOLATIONS = ("bwrap", "account")

HEARD = False
for port in (8001, 8786, 8787):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.settimeout(1)
            if b"lbatk-host" in s.recv(64):
                HEARD = True
    except OSError:
        pass
try:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(1)
    s.connect("\0lbatk-host")
    if b"lbatk-host" in s.recv(64):
        HEARD = True
    s.close()
except OSError:
    pass


def forward(w, x):
    return w * x if HEARD else w + x
