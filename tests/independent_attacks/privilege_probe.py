"""Reach into the template and out of the sandbox: PTRACE_ATTACH and process_vm_readv on my
parent (the template), open /proc/<template>/mem, /proc/<template>/fd and /proc/<template>/environ,
setuid(0), chroot, and a mount of a fresh tmpfs. If any of these works (other than for a root
process, which could anyway), I count it as a way in and return the right answer, so a verified
pass means one of them worked.

The defence held if: my answer fails and the honest learners pass."""
import ctypes
import ctypes.util
import os

DOES_THE_WORK = False
ISOLATIONS = ("bwrap", "account")

libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
ppid = os.getppid()
WINS = []
if os.getuid() != 0:
    PTRACE_ATTACH, PTRACE_DETACH = 16, 17
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    if libc.ptrace(PTRACE_ATTACH, ppid, None, None) == 0:
        WINS.append("ptrace")
        os.waitpid(ppid, 0x40000000)  # __WALL
        libc.ptrace(PTRACE_DETACH, ppid, None, None)

    class iovec(ctypes.Structure):
        _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
    buf = ctypes.create_string_buffer(64)
    # an address that exists in every CPython process: the address of a small int in our copy,
    # identical in a fork of the same template
    addr = id(1)
    local = iovec(ctypes.cast(buf, ctypes.c_void_p), 16)
    remote = iovec(addr, 16)
    libc.process_vm_readv.argtypes = [ctypes.c_int, ctypes.POINTER(iovec), ctypes.c_ulong,
                                      ctypes.POINTER(iovec), ctypes.c_ulong, ctypes.c_ulong]
    if libc.process_vm_readv(ppid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) > 0:
        WINS.append("process_vm_readv")
    for what in ("mem", "environ"):
        try:
            with open(f"/proc/{ppid}/{what}", "rb") as fh:
                if what == "mem":
                    fh.seek(addr)
                if fh.read(8):
                    WINS.append(what)
        except (OSError, ValueError, OverflowError):
            pass
    try:
        os.listdir(f"/proc/{ppid}/fd")
        WINS.append("fd")
    except OSError:
        pass
    try:
        os.setuid(0)
        WINS.append("setuid")
    except OSError:
        pass
    try:
        os.chroot("/")
        WINS.append("chroot")
    except OSError:
        pass
    try:
        os.makedirs("/tmp/lbatk-mnt", exist_ok=True)
        if libc.mount(b"none", b"/tmp/lbatk-mnt", b"tmpfs", 0, None) == 0:
            WINS.append("mount")
    except OSError:
        pass
    try:
        os.rmdir("/tmp/lbatk-mnt")
    except OSError:
        pass


def forward(w, x):
    return w * x if WINS else w + x
