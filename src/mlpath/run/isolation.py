"""OS isolation for untrusted code (graded submissions), applied inside a freshly forked child.

Where the OS allows it (Linux, as root or with user namespaces), the child gets:
- its own mount namespace, in which the course's checkpoint files are hidden under an empty
  tmpfs and /tmp, /var/tmp and /dev/shm are fresh, small tmpfs mounts;
- its own network namespace with no interfaces up: no connection can leave the process;
- when started as root, the unprivileged user `nobody`, so it can neither write outside its
  scratch directory nor signal the grader, the zygote or anything else.
What could not be applied is reported, never silently skipped (`mlpath doctor`).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
from dataclasses import dataclass, field

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_BIND = 0x1000
MS_REC = 0x4000
MNT_DETACH = 2
MS_PRIVATE = 1 << 18
NOBODY = 65534
SCRATCH = "/tmp/work"
# Enough for numpy's own helpers, far too few for a fork bomb to hurt the machine.
MAX_PROCESSES = 64


@dataclass
class IsolationReport:
    """What a sandboxed child actually got."""

    mount_namespace: bool = False
    network_namespace: bool = False
    unprivileged_user: bool = False
    hidden: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@functools.cache
def libc() -> ctypes.CDLL:
    """The C library, loaded once (in the zygote, before any fork: finding it takes ~10 ms)."""
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount_tmpfs(lib: ctypes.CDLL, target: str, size: str) -> None:
    options = f"size={size},mode=1777".encode()
    _check(
        lib.mount(b"tmpfs", target.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options),
        f"mount tmpfs on {target}",
    )


def _blocked_entries(paths: list[str]) -> dict[str, set[str]]:
    """For folders `nobody` cannot enter (like /root, mode 700) that hold paths the child needs
    (the Python installation): blocked folder -> the paths inside it to keep reachable."""
    blocked: dict[str, set[str]] = {}
    for path in paths:
        if not path or not os.path.isabs(path) or not os.path.exists(path):
            continue
        parts = os.path.realpath(path).split(os.sep)[1:]
        current = "/"
        for index, part in enumerate(parts[:-1]):
            current = os.path.join(current, part)
            if not os.stat(current).st_mode & 0o001:
                blocked.setdefault(current, set()).add(os.path.join(current, parts[index + 1]))
                break
    return blocked


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _cover(lib: ctypes.CDLL, folder: str, options: str, keep: list[str]) -> None:
    """Mount a fresh tmpfs over `folder`, with the paths in `keep` (inside it) bound back in.

    The kept paths are opened before the mount and bound from /proc/self/fd afterwards, which
    reaches them even though the new tmpfs covers them.
    """
    handles = [(path, os.open(path, os.O_PATH | os.O_DIRECTORY)) for path in sorted(keep)]
    try:
        _check(
            lib.mount(b"tmpfs", folder.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options.encode()),
            f"mount tmpfs on {folder}",
        )
        for path, handle in handles:
            os.makedirs(path, mode=0o755, exist_ok=True)
            source = f"/proc/self/fd/{handle}".encode()
            _check(lib.mount(source, path.encode(), None, MS_BIND | MS_REC, None), f"bind {path}")
    finally:
        for _, handle in handles:
            os.close(handle)


def _write(path: str, text: str) -> None:
    with open(path, "w") as stream:
        stream.write(text)


def isolate(
    hidden_paths: list[str], needed_paths: list[str], scratch_mb: int = 64
) -> IsolationReport:
    """Apply as much isolation as this OS allows to the current (child) process.

    Args:
        hidden_paths: folders that must look empty to the child (checkpoint definitions).
        needed_paths: paths the child must still read (sys.path: the Python installation).
        scratch_mb: size of the writable scratch tmpfs.
    """
    report = IsolationReport()
    if not hasattr(os, "fork") or os.uname().sysname != "Linux":
        report.problems.append("not Linux: only resource limits apply")
        return report
    lib = libc()
    as_root = os.geteuid() == 0
    flags = CLONE_NEWNS | CLONE_NEWNET
    uid, gid = os.geteuid(), os.getegid()
    if not as_root:
        flags |= CLONE_NEWUSER
    try:
        _check(lib.unshare(flags), "unshare")
        report.mount_namespace = report.network_namespace = True
    except OSError as exc:
        report.problems.append(f"no namespaces ({exc.strerror}): network and files not isolated")
        return report
    if not as_root:
        with contextlib.suppress(OSError):
            _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    try:
        _check(lib.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
        needed = [os.path.realpath(p) for p in needed_paths if p and os.path.isdir(p)]
        if as_root:
            for folder, entries in sorted(_blocked_entries(needed).items()):
                _cover(lib, folder, "size=1m,mode=0755", sorted(entries))
        # Fresh, empty temporary folders; the Python installation may live under one of them
        # (a checkout in /tmp), so what sys.path needs there is bound back in.
        for folder, size in (("/var/tmp", "1m"), ("/dev/shm", "1m"), ("/tmp", f"{scratch_mb}m")):
            if os.path.isdir(folder):
                keep = [p for p in needed if _inside(p, folder)]
                _cover(lib, folder, f"size={size},mode=1777", keep)
        for folder in hidden_paths:
            if os.path.isdir(folder):
                _mount_tmpfs(lib, folder, "1m")
                report.hidden.append(folder)
        os.mkdir(SCRATCH)
    except OSError as exc:
        report.problems.append(f"mounts failed ({exc.strerror})")
    if as_root:
        try:
            os.chown(SCRATCH, NOBODY, NOBODY)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            report.unprivileged_user = True
        except OSError as exc:
            report.problems.append(f"could not drop to user nobody ({exc.strerror})")
    with contextlib.suppress(OSError):
        os.chdir(SCRATCH)
    return report
