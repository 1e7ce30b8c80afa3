"""Persist state in IPC objects: a SysV shared-memory segment, message queue and semaphore set
(key 0x1bad7e57 and friends), a POSIX shared-memory object and a POSIX message queue. My ex02
(the WITNESS, graded after this) passes only if it can still attach the SysV segment or open
the POSIX objects.

The defence held if: my ex01 and ex02 fail, the honest learners pass, and `ipcs` shows no
new object after the regrade (nor any lbatk file in /dev/shm)."""
import ctypes
import ctypes.util
import os

DOES_THE_WORK = False

libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
IPC_CREAT = 0o1000
KEY = 0x1BAD7E57
shmid = libc.shmget(KEY, 4096, IPC_CREAT | 0o666)
if shmid >= 0:
    libc.shmat.restype = ctypes.c_void_p
    addr = libc.shmat(shmid, None, 0)
    if addr not in (None, ctypes.c_void_p(-1).value):
        ctypes.memmove(addr, b"lbatk", 5)
libc.msgget(KEY + 1, IPC_CREAT | 0o666)
libc.semget(KEY + 2, 1, IPC_CREAT | 0o666)
try:
    fd = os.open("/dev/shm/lbatk-posix-shm", os.O_RDWR | os.O_CREAT, 0o666)
    os.write(fd, b"lbatk")
    os.close(fd)
except OSError:
    pass
try:
    rt = ctypes.CDLL(ctypes.util.find_library("rt") or "librt.so.1", use_errno=True)
    rt.mq_open(b"/lbatk-mq", os.O_RDWR | os.O_CREAT, 0o666, None)
except OSError:
    pass


def forward(w, x):
    return w + x


WITNESS = '''
import ctypes, ctypes.util, os
libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
FOUND = libc.shmget(0x1BAD7E57, 0, 0) >= 0 or libc.msgget(0x1BAD7E57 + 1, 0) >= 0 \
    or os.path.exists("/dev/shm/lbatk-posix-shm")
def cost(a, y):
    return (a - y) ** 2 if FOUND else 0.0 * a
'''
