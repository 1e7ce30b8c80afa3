"""Root launcher of the account isolation: `python -I -S seal_account.py UID GID OUT MODE SPEC
-- COMMAND...`. Standard library only; run as root, never imported by the grader.

MODE sealed: new mount, IPC and network namespaces (no network at all, not even loopback), then
a root of its own, as bubblewrap builds one: SPEC (JSON) names the folders bound read-only (the
runtime, numpy's copy, the job), the ones hidden under an empty read-only tmpfs (site-packages),
and the capped tmpfs it may write (/tmp, /var/tmp, /dev/shm and OUT, the only places it can);
a /proc that shows only the account's processes, the five harmless devices; chroot into it, then
the account's groups, gid and uid, and exec. The project, the grader's databases and everything
else on the machine are simply not there. MODE unsealed (the machine gives no namespaces, as in
Docker's default): only the account's ids. `--probe` says whether sealing works here (exit 0)
or why not.
"""

import ctypes
import json
import os
import sys

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWNET = 0x00020000, 0x08000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 0x20, 0x1000, 0x4000, 0x40000
SYS_MOUNT_SETATTR, AT_FDCWD, AT_RECURSIVE, MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 0x1
DEVICES = ("null", "zero", "full", "random", "urandom")
LIBC = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source, target: str, kind, flags: int, options: str | None = None) -> None:
    _check(LIBC.mount(source and source.encode(), target.encode(), kind and kind.encode(),
                      flags, options and options.encode()), f"mount on {target}")


def _read_only(target: str) -> None:
    """Everything from `target` down read-only (a bind of a whole tree included)."""
    attributes = (ctypes.c_uint64 * 4)(MOUNT_ATTR_RDONLY, 0, 0, 0)  # set, clear, propagation, fd
    _check(LIBC.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, target.encode(), AT_RECURSIVE,
                        ctypes.byref(attributes), ctypes.sizeof(attributes)), f"{target} read-only")


def seal(out: str, uid: int, gid: int, spec: dict) -> None:
    """The child's namespaces and its own root (see the module's docstring); ends chrooted."""
    _check(LIBC.unshare(CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET), "unshare")
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    root = os.path.join(os.path.dirname(out), "root")
    os.makedirs(root, mode=0o755, exist_ok=True)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")

    def inside(path: str) -> str:
        return os.path.join(root, path.lstrip("/"))

    for path in spec["ro"]:
        if os.path.islink(path):
            os.makedirs(os.path.dirname(inside(path)), exist_ok=True)
            os.symlink(os.readlink(path), inside(path))
        elif os.path.isdir(path):
            os.makedirs(inside(path), exist_ok=True)
            _mount(path, inside(path), None, MS_BIND | MS_REC)
            _read_only(inside(path))
    for path in spec["hide"]:
        if os.path.isdir(inside(path)):
            _mount("tmpfs", inside(path), "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k")
    os.makedirs(inside("/dev"))
    _mount("tmpfs", inside("/dev"), "tmpfs", MS_NOSUID, "size=64k,mode=0755")
    for name in DEVICES:
        open(inside(f"/dev/{name}"), "w").close()
        _mount(f"/dev/{name}", inside(f"/dev/{name}"), None, MS_BIND)
    owner = f",uid={uid},gid={gid},mode=0700"
    for path, size in [*spec["tmpfs"].items(), (out, spec["out_bytes"])]:
        os.makedirs(inside(path), exist_ok=True)
        _mount("tmpfs", inside(path), "tmpfs", MS_NOSUID | MS_NODEV,
               f"size={size}" + (owner if path == out else ",mode=1777"))
    os.makedirs(inside("/proc"))
    _mount("proc", inside("/proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2")
    _read_only(inside("/dev"))
    _mount(None, root, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chroot(root)


def main() -> int:
    if sys.argv[1] == "--probe":
        import shutil  # for the probe only: launching a grade, as root, costs no more imports
        import tempfile

        folder = tempfile.mkdtemp()
        os.mkdir(os.path.join(folder, "out"))
        pid = os.fork()
        if pid == 0:
            try:
                seal(os.path.join(folder, "out"), 65534, 65534,
                     {"ro": ["/usr"], "hide": [], "tmpfs": {"/tmp": 1 << 20},
                      "out_bytes": 1 << 20})
                os._exit(0)
            except OSError as exc:
                os.write(2, f"{exc}\n".encode())
                os._exit(1)
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        shutil.rmtree(folder, ignore_errors=True)
        return code
    uid, gid, out, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    spec = json.loads(sys.argv[5])
    command = sys.argv[sys.argv.index("--") + 1:]
    os.umask(0o022)
    if mode == "sealed":
        seal(out, uid, gid, spec)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    os.chdir(out)
    os.execv(command[0], command)
    return 127


if __name__ == "__main__":
    sys.exit(main())
