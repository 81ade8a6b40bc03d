"""The Linux system calls the sandbox needs that Python's `os` module does not offer.

Thin ctypes wrappers: each raises `OSError` with the errno and says which call failed.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
NAMESPACE_FLAGS = (
    CLONE_NEWNS,
    CLONE_NEWCGROUP,
    CLONE_NEWUTS,
    CLONE_NEWIPC,
    CLONE_NEWUSER,
    CLONE_NEWPID,
    CLONE_NEWNET,
)

MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_NOEXEC = 0x8
MS_REMOUNT = 0x20
MS_NOATIME = 0x400
MS_NODIRATIME = 0x800
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MNT_DETACH = 2

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4

_LINUX_CAPABILITY_VERSION_3 = 0x20080522
# pivot_root has no glibc wrapper; its number differs by architecture.
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217}

# statvfs flags of a mount -> the mount flags a bind remount must repeat (a user namespace may
# not clear the flags its creator's mounts carry, so a read-only remount keeps them).
_KEPT_MOUNT_FLAGS = (
    (os.ST_NOSUID, MS_NOSUID),
    (os.ST_NODEV, MS_NODEV),
    (os.ST_NOEXEC, MS_NOEXEC),
    (os.ST_NOATIME, MS_NOATIME),
    (os.ST_NODIRATIME, MS_NODIRATIME),
    (os.ST_RELATIME, MS_RELATIME),
)


@functools.cache
def libc() -> ctypes.CDLL:
    """The C library, loaded once (in the zygote, before any fork: finding it takes ~10 ms)."""
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def unshare(flags: int) -> None:
    _check(libc().unshare(flags), "unshare")


def setns(fd: int, kind: int) -> None:
    _check(libc().setns(fd, kind), "setns")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(
        libc().mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        f"mount {target}",
    )


def umount(target: str) -> None:
    _check(libc().umount2(target.encode(), MNT_DETACH), f"umount {target}")


def remount_read_only(target: str) -> None:
    """Make a bind mount read-only, repeating the flags its mount already carries."""
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID
    current = os.statvfs(target).f_flag
    for statvfs_flag, mount_flag in _KEPT_MOUNT_FLAGS:
        if current & statvfs_flag:
            flags |= mount_flag
    mount(None, target, None, flags)


def pivot_root(new_root: str, put_old: str) -> None:
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise OSError(0, f"pivot_root: unknown on {platform.machine()}")
    _check(libc().syscall(number, new_root.encode(), put_old.encode()), "pivot_root")


def prctl(option: int, value: int) -> None:
    _check(libc().prctl(option, ctypes.c_ulong(value), 0, 0, 0), f"prctl({option})")


class _CapHeader(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _CapData(ctypes.Structure):
    _fields_ = (
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    )


def drop_capabilities() -> None:
    """Give up every capability for good: bounding set, ambient set, then the process's own.

    The first process of a user namespace holds every capability inside it; learner code must
    hold none (no mount, no new namespaces, nothing gained through exec either).
    """
    with open("/proc/sys/kernel/cap_last_cap") as stream:
        last = int(stream.read())
    for capability in range(last + 1):
        prctl(PR_CAPBSET_DROP, capability)
    _check(libc().prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear ambient caps")
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(libc().capset(ctypes.byref(header), data), "capset")


class _SockFprog(ctypes.Structure):
    _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))


def load_seccomp_program(program: bytes) -> None:
    """Install a compiled seccomp BPF program (8 bytes per instruction) on this process."""
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    _check(libc().prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0), "seccomp")


def write_file(path: str, text: str) -> None:
    with open(path, "w") as stream:
        stream.write(text)
