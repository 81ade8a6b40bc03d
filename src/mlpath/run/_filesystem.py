"""The file system a sandboxed child sees: the Python installation read-only, a private scratch
folder, and nothing else of the machine.

The plan (what to show, what to cover) is computed once in the zygote; each child builds it in
its own mount namespace on a fresh tmpfs and makes that its root (`pivot_root`), so the project
checkout, its `.git`, the learner's home and every shared writable folder (/tmp, /run/lock,
/dev/shm, ...) are simply not there.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from mlpath.run._linux import (
    MS_BIND,
    MS_NODEV,
    MS_NOEXEC,
    MS_NOSUID,
    MS_PRIVATE,
    MS_RDONLY,
    MS_REC,
    MS_REMOUNT,
    mount,
    pivot_root,
    remount_read_only,
    umount,
)

SCRATCH = "/tmp/work"
# Where the new root is assembled before it becomes "/" (any folder of the old root would do).
_ASSEMBLY = "/tmp"
# Shared libraries, the C library's loader configuration and the programs `subprocess` may run.
SYSTEM_PATHS = (
    "/usr",
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/alternatives",
)
DEVICES = ("null", "zero", "full", "random", "urandom")


@dataclass(frozen=True)
class FilesystemPlan:
    """What a sandboxed child's root holds.

    Args:
        shown: host paths bound read-only at the same place (folders or files).
        links: symbolic links recreated as they are on the host (`/bin -> usr/bin`).
        covered: folders inside shown paths that look empty (checkpoints, the checkout, `.git`).
    """

    shown: tuple[str, ...]
    links: tuple[tuple[str, str], ...]
    covered: tuple[str, ...]


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _outermost(paths: list[str]) -> list[str]:
    """Drop paths that lie inside another one of the list."""
    kept: list[str] = []
    for path in sorted(set(paths), key=lambda p: (p.count("/"), p)):
        if not any(_inside(path, outer) for outer in kept):
            kept.append(path)
    return sorted(kept)


def project_checkout() -> str | None:
    """The source checkout mlpath runs from (the folder with `.git` above the package), if any."""
    import mlpath

    for folder in Path(mlpath.__file__).resolve().parents:
        if (folder / ".git").exists():
            return str(folder)
    return None


def python_paths() -> list[str]:
    """What the interpreter needs to run and import: its prefixes and every sys.path folder."""
    candidates = [*sys.path, sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    found = [
        os.path.realpath(p) for p in candidates if p and os.path.isabs(p) and os.path.exists(p)
    ]
    return [p for p in found if p != "/"]


def plan_filesystem(hidden_paths: list[str]) -> FilesystemPlan:
    """Decide what a child sees: computed in the zygote, the same for every child."""
    links: list[tuple[str, str]] = []
    system: list[str] = []
    for path in SYSTEM_PATHS:
        if os.path.islink(path) and "/" not in path[1:]:
            links.append((path, os.readlink(path)))
        elif os.path.exists(path):
            system.append(os.path.realpath(path))
    every = system + python_paths()
    outer = _outermost(every)
    checkout = project_checkout()
    covered = [os.path.realpath(p) for p in hidden_paths]
    if checkout is not None:
        covered.append(checkout)
    covered += [os.path.join(p, ".git") for p in outer if os.path.isdir(os.path.join(p, ".git"))]
    # Only what a shown folder would otherwise reveal needs covering; the rest is not there.
    covered = [c for c in covered if any(_inside(c, s) and c != s for s in outer)]
    # A path the interpreter needs inside a covered folder (a .venv in a checkout under a shown
    # folder) is shown again on top of the cover.
    again = [p for p in every if any(_inside(p, c) and p != c for c in covered)]
    shown = sorted(set(outer + again), key=lambda p: (p.count("/"), p))
    return FilesystemPlan(tuple(shown), tuple(links), tuple(sorted(set(covered))))


def open_shown(plan: FilesystemPlan) -> dict[str, int]:
    """Handles on the shown paths, opened while the process may still reach them (as root, a
    Python under /root; before /tmp is covered, a package under /tmp)."""
    handles: dict[str, int] = {}
    for path in plan.shown:
        with contextlib.suppress(OSError):
            handles[path] = os.open(path, os.O_PATH | os.O_CLOEXEC)
    return handles


def _make_mount_point(target: str, like_a_folder: bool) -> None:
    if like_a_folder:
        os.makedirs(target, mode=0o755, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
        if not os.path.exists(target):
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o644))


def _show(path: str, handle: int, root: str) -> None:
    target = root + path
    _make_mount_point(target, os.path.isdir(f"/proc/self/fd/{handle}"))
    mount(f"/proc/self/fd/{handle}", target, None, MS_BIND | MS_REC)
    remount_read_only(target)


def _tmpfs(target: str, size: str, mode: str, flags: int = 0) -> None:
    os.makedirs(target, mode=0o755, exist_ok=True)
    mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV | flags, f"size={size},mode={mode}")


def _devices(root: str) -> None:
    dev = root + "/dev"
    _tmpfs(dev, "64k", "0755")
    for name in DEVICES:
        _make_mount_point(f"{dev}/{name}", like_a_folder=False)
        mount(f"/dev/{name}", f"{dev}/{name}", None, MS_BIND)
    for name, target in (
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ):
        os.symlink(target, f"{dev}/{name}")
    _tmpfs(dev + "/shm", "16m", "1777")


def build_root(plan: FilesystemPlan, handles: dict[str, int], scratch_mb: int) -> list[str]:
    """Assemble the child's root and switch to it; return the covered folders.

    Must run inside new user, mount and PID namespaces, in the PID namespace's first process
    (its /proc shows only the session's own processes).
    """
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    root = _ASSEMBLY
    _tmpfs(root, "1m", "0755")
    # Scratch space first: the Python installation may live under /tmp (a checkout there) and
    # is then shown on top of it.
    _tmpfs(root + "/tmp", f"{scratch_mb}m", "1777")
    os.mkdir(root + SCRATCH, 0o755)
    os.makedirs(root + "/var", mode=0o755, exist_ok=True)
    os.symlink("/tmp", root + "/var/tmp")
    _devices(root)
    _make_mount_point(root + "/proc", like_a_folder=True)
    mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for path in plan.shown:
        if path in handles:
            _show(path, handles[path], root)
    for path, target in plan.links:
        os.symlink(target, root + path)
    covered: list[str] = []
    for folder in plan.covered:
        if not os.path.isdir(root + folder):
            continue
        _tmpfs(root + folder, "4k", "0755")
        for path in plan.shown:
            if path in handles and _inside(path, folder) and path != folder:
                _show(path, handles[path], root)
        mount(None, root + folder, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        covered.append(folder)
    os.chdir(root)
    # The old root is stacked under the new one and detached: nothing of it stays reachable.
    pivot_root(".", ".")
    umount(".")
    os.chdir("/")
    mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    return covered
