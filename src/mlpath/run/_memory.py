"""How much memory a session really holds: the proportional set size (PSS) of its process tree.

PSS splits each shared page among the processes sharing it, so the zygote's heap, inherited by
every child, is counted once across all sessions rather than once per session (as RSS would).
"""

from __future__ import annotations

import contextlib
import os

MB = 1024 * 1024


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for thread in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{thread}/children") as f:
                found += [int(child) for child in f.read().split()]
    return found


def _pss_bytes(pid: int) -> int:
    with contextlib.suppress(OSError, ValueError), open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def tree_memory(pid: int) -> int:
    """Bytes held by `pid` and all its descendants (0 for a process that is gone)."""
    total = 0
    pending, seen = [pid], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _pss_bytes(current)
        pending += _children(current)
    return total


def physical_memory() -> int:
    """Bytes of RAM on this machine (0 where the OS does not say)."""
    with contextlib.suppress(ValueError, OSError, AttributeError):
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return 0
