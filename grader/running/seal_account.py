"""Root launcher of the account isolation: `python -I -S seal_account.py UID GID OUT sealed|unsealed
-- COMMAND...`. Standard library only; run as root, never imported by the grader.

sealed: new mount, IPC and network namespaces (no network at all, not even loopback), every
mount made private and read-only, then size-capped tmpfs on /tmp, /var/tmp, /dev/shm and OUT
(the only places it can write); then the account's groups, gid and uid, and exec. unsealed
(the machine gives no namespaces, as in Docker's default): only the account's ids.
`--probe` says whether sealing works here (exit 0) or why not.
"""

import ctypes
import os
import sys

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWNET = 0x00020000, 0x08000000, 0x40000000
MS_REC, MS_PRIVATE, MS_NOSUID, MS_NODEV = 0x4000, 0x40000, 0x2, 0x4
SYS_MOUNT_SETATTR, AT_FDCWD, AT_RECURSIVE, MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 0x1
FOLDERS = {"/tmp": 64 << 20, "/var/tmp": 16 << 20, "/dev/shm": 16 << 20}
OUT_BYTES = 64 << 20


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def seal(out: str, uid: int, gid: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET), "unshare")
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "private mounts")
    # Everything read-only (world-writable folders such as /run/lock included), recursively.
    attributes = (ctypes.c_uint64 * 4)(MOUNT_ATTR_RDONLY, 0, 0, 0)  # set, clear, propagation, fd
    _check(libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, b"/", AT_RECURSIVE,
                        ctypes.byref(attributes), ctypes.sizeof(attributes)), "read-only mounts")
    for folder, size in [*FOLDERS.items(), (out, OUT_BYTES)]:
        if not os.path.isdir(folder):
            continue
        owner = f",uid={uid},gid={gid},mode=0700" if folder == out else ",mode=1777"
        _check(libc.mount(b"tmpfs", folder.encode(), b"tmpfs", MS_NOSUID | MS_NODEV,
                          f"size={size}{owner}".encode()), f"tmpfs on {folder}")


def main() -> int:
    if sys.argv[1] == "--probe":
        pid = os.fork()
        if pid == 0:
            try:
                seal("/nonexistent-folder", 65534, 65534)
                os._exit(0)
            except OSError as exc:
                os.write(2, f"{exc}\n".encode())
                os._exit(1)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    uid, gid, out, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    command = sys.argv[sys.argv.index("--") + 1:]
    if mode == "sealed":
        seal(out, uid, gid)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    os.chdir(out)
    os.execv(command[0], command)
    return 127


if __name__ == "__main__":
    sys.exit(main())
