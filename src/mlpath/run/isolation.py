"""OS isolation for untrusted code (graded submissions, learners' web cells), applied inside a
process freshly forked from the zygote.

Where the OS allows it (Linux with user namespaces, as root or as an ordinary user), each
session gets:
- its own PID namespace (made by the zygote as it forks): it is process 1 of it, sees and
  signals only its own processes, and everything it started dies with it;
- its own user namespace, holding no capabilities once set up, which gives it a process count
  of its own (as root it first becomes the user `nobody`; as an ordinary user it keeps the
  learner's uid, but sees none of their files);
- its own IPC, UTS and network namespaces (no shared memory with anyone, no network);
- its own root file system (`_filesystem.py`): the Python installation read-only, a private
  tmpfs scratch folder, nothing of the project checkout, the home folder or shared /tmp;
- a system-call filter against new namespaces, mounts, ptrace, keyrings and eBPF
  (`_syscall_filter.py`), and resource limits (`child.apply_limits`).
What could not be applied is reported, never silently skipped (`mlpath doctor`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
from collections.abc import Iterable
from dataclasses import dataclass, field

from mlpath.run import _linux
from mlpath.run._filesystem import SCRATCH, FilesystemPlan, build_root, open_shown, plan_filesystem
from mlpath.run._linux import libc

__all__ = ["MAX_PROCESSES", "NOBODY", "SCRATCH", "IsolationReport", "enter_sandbox", "libc"]

NOBODY = 65534
# Enough for numpy's own helpers and a few subprocesses, far too few for a fork bomb to hurt the
# machine; counted per session (its own user namespace), not per user.
MAX_PROCESSES = 64
# Made by the session's first process; its PID namespace is made by the zygote as it forks.
SESSION_NAMESPACES = (
    _linux.CLONE_NEWNS | _linux.CLONE_NEWIPC | _linux.CLONE_NEWUTS | _linux.CLONE_NEWNET
)


@dataclass
class IsolationReport:
    """What a sandboxed child actually got (sent to the executor in the child's first message)."""

    mount_namespace: bool = False
    network_namespace: bool = False
    unprivileged_user: bool = False
    hidden: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    user_namespace: bool = False
    pid_namespace: bool = False
    ipc_namespace: bool = False
    private_root: bool = False
    capabilities_dropped: bool = False
    syscall_filter: bool = False
    limits: dict[str, int] = field(default_factory=dict)


@functools.cache
def filesystem_plan(hidden_paths: tuple[str, ...]) -> FilesystemPlan:
    """The same for every child with these hidden paths: computed once, in the zygote."""
    return plan_filesystem(list(hidden_paths))


def _why_no_user_namespace(error: OSError) -> str:
    """Name the switch that turned user namespaces off, where the kernel says which."""
    for path, wanted in (
        ("/proc/sys/kernel/unprivileged_userns_clone", "1"),
        ("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "0"),
        ("/proc/sys/user/max_user_namespaces", None),
    ):
        with contextlib.suppress(OSError), open(path) as stream:
            value = stream.read().strip()
            if (wanted is not None and value != wanted) or value == "0":
                setting = path.removeprefix("/proc/sys/").replace("/", ".")
                return f"{setting} is {value}"
    return error.strerror or str(error)


def _become_nobody() -> None:
    """As root, once the mounts are made: from here on the session is the user `nobody`."""
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)
    # Changing the user made /proc/self root's; the user-namespace maps are written there next.
    _linux.prctl(_linux.PR_SET_DUMPABLE, 1)


def _enter_user_namespace(also: int = 0) -> None:
    """A new user namespace (plus the namespaces in `also`) mapping only the current user."""
    uid, gid = os.geteuid(), os.getegid()
    _linux.unshare(_linux.CLONE_NEWUSER | also)
    with contextlib.suppress(OSError):
        _linux.write_file("/proc/self/setgroups", "deny")
    _linux.write_file("/proc/self/uid_map", f"{uid} {uid} 1")
    _linux.write_file("/proc/self/gid_map", f"{gid} {gid} 1")


class PidNamespaces:
    """In the zygote: fork children straight into new PID namespaces.

    `unshare(CLONE_NEWPID)` makes the zygote's *next* child the first process of a new PID
    namespace; `setns` back to its own then keeps later children (unsandboxed ones) in the
    zygote's. Both need CAP_SYS_ADMIN over the zygote's PID namespace: root has it; an ordinary
    user's zygote runs as the first process of a PID namespace inside a user namespace of its
    own (`enter_zygote_namespaces`), where it has it.
    """

    def __init__(self, problem: str | None = None) -> None:
        self.problem = problem
        self._own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)

    def fork(self) -> int:
        """`os.fork()`, the child being process 1 of a new PID namespace where allowed."""
        try:
            _linux.unshare(_linux.CLONE_NEWPID)
        except OSError as exc:
            self.problem = self.problem or _why_no_user_namespace(exc)
            return os.fork()
        try:
            pid = os.fork()
        except OSError:
            _linux.setns(self._own, _linux.CLONE_NEWPID)
            raise
        if pid != 0:
            _linux.setns(self._own, _linux.CLONE_NEWPID)
        return pid


def enter_zygote_namespaces() -> str | None:
    """For an ordinary user's zygote, before it imports anything (a multithreaded process may
    not enter a user namespace): a user namespace mapping only the user, and a PID namespace
    its next child will be the first process of. Returns why not, where the kernel refused."""
    try:
        _enter_user_namespace(_linux.CLONE_NEWPID)
    except OSError as exc:
        return _why_no_user_namespace(exc)
    return None


# Set in the zygote, inherited by every child: why a child may lack its PID namespace.
_zygote_namespaces: PidNamespaces | None = None


def zygote_namespaces(problem: str | None = None) -> PidNamespaces:
    global _zygote_namespaces
    if _zygote_namespaces is None:
        _zygote_namespaces = PidNamespaces(problem)
    return _zygote_namespaces


def enter_sandbox(hidden_paths: tuple[str, ...], scratch_mb: int = 64) -> IsolationReport:
    """Isolate this process, a fresh child of the zygote and (where the kernel allowed it) the
    first process of a new PID namespace.

    As root the namespaces are made with root's own power and the mounts belong to the machine's
    root; as an ordinary user they belong to the zygote's user namespace. Either way the cells
    then run in a further user namespace of their own, with no capabilities: it gives the
    session its own process count and no power over its mounts.
    """
    report = IsolationReport()
    as_root = os.geteuid() == 0
    try:
        if os.getpid() != 1:
            reason = _zygote_namespaces.problem if _zygote_namespaces else None
            raise OSError(0, reason or "not started in a PID namespace of its own")
        _linux.unshare(SESSION_NAMESPACES)
    except OSError as exc:
        report.problems.append(
            f"no namespaces ({exc.strerror or exc}): learner code shares this machine's files, "
            "processes and network; only resource limits and the system-call filter apply"
        )
        if as_root:
            _become_nobody()
            report.unprivileged_user = True
        _linux.prctl(_linux.PR_SET_PDEATHSIG, signal.SIGKILL)
        return report
    report.pid_namespace = report.mount_namespace = True
    report.ipc_namespace = report.network_namespace = True
    handles = open_shown(filesystem_plan(hidden_paths))
    try:
        report.hidden = build_root(filesystem_plan(hidden_paths), handles, scratch_mb)
        report.private_root = True
    except OSError as exc:
        report.problems.append(f"private file system failed ({exc.strerror or exc})")
    _close_all(handles.values())
    if as_root:
        with contextlib.suppress(OSError):
            os.chown(SCRATCH, NOBODY, NOBODY)
        _become_nobody()
    try:
        _enter_user_namespace()
        report.user_namespace = True
    except OSError as exc:
        report.problems.append(
            f"no user namespace of its own ({_why_no_user_namespace(exc)}): the session's "
            "process limit is shared with every process of its user"
        )
    try:
        _linux.drop_capabilities()
        report.capabilities_dropped = True
    except OSError as exc:
        report.problems.append(f"capabilities not dropped ({exc.strerror or exc})")
    report.unprivileged_user = as_root or report.capabilities_dropped
    # Changing credentials cleared the request to die with the zygote: ask again.
    _linux.prctl(_linux.PR_SET_PDEATHSIG, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.chdir(SCRATCH)
    return report


def _close_all(fds: Iterable[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)
