"""A seccomp filter for learner code: the system calls that widen the kernel's attack surface fail.

Built once in the zygote with libseccomp (through `pyseccomp`), loaded in each sandboxed child
after its namespaces and mounts are in place. Everything else is allowed: numpy, matplotlib and
`subprocess` work as usual. System calls of another architecture (32-bit calls from a 64-bit
process) kill the process, libseccomp's default.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import tempfile
from typing import Any

from mlpath.run._linux import NAMESPACE_FLAGS, load_seccomp_program

# New namespaces, mounts, tracing other processes, kernel keyrings, eBPF, kernel modules and the
# like: none is needed to learn linear algebra, and each has had privilege-escalation bugs.
BLOCKED_CALLS = (
    "unshare",
    "setns",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "move_mount",
    "open_tree",
    "mount_setattr",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "open_by_handle_at",
    "name_to_handle_at",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "swapon",
    "swapoff",
    "reboot",
    "syslog",
    "acct",
    "quotactl",
)


@functools.cache
def syscall_filter() -> Any:
    """The compiled filter (a `pyseccomp.SyscallFilter`), built once; `None` where libseccomp is
    missing. Raises nothing: the sandbox reports a missing filter instead."""
    try:
        import pyseccomp as seccomp
    except (ImportError, RuntimeError, OSError):
        return None
    deny = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in BLOCKED_CALLS:
        # A call this kernel or architecture does not have needs no rule.
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            rules.add_rule(deny, name)
    # clone() may make threads and processes, never namespaces; clone3() passes its flags in
    # memory a filter cannot read, so it is refused as "not implemented" and the C library
    # falls back to clone().
    for flag in NAMESPACE_FLAGS:
        rules.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    with contextlib.suppress(OSError, ValueError, RuntimeError):
        rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    return rules


@functools.cache
def compiled_filter() -> bytes | None:
    """The filter as a BPF program, compiled once in the zygote (libseccomp would compile it
    again, about a millisecond, in every child)."""
    rules = syscall_filter()
    if rules is None:
        return None
    with tempfile.TemporaryFile() as program:
        rules.export_bpf(program)
        program.seek(0)
        return program.read()


def load_syscall_filter() -> str | None:
    """Apply the filter to this process (and all it starts); return why not, if it could not."""
    program = compiled_filter()
    if program is None:
        return "no system-call filter: libseccomp (and the pyseccomp package) not found"
    try:
        load_seccomp_program(program)
    except OSError as exc:
        return f"no system-call filter: loading it failed ({exc.strerror or exc})"
    return None
