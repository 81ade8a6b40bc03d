"""What the sandbox can do on this machine: probed once by running a real sandboxed child."""

from __future__ import annotations

from functools import cache

from mlpath.run import Executor, Limits
from mlpath.run.isolation import IsolationReport


@cache
def probe_isolation() -> IsolationReport:
    """Start one sandboxed child and report the isolation it actually got."""
    with Executor(jobs=1) as executor, executor.session(Limits(sandbox=True)) as session:
        data = session.isolation or {}
    return IsolationReport(
        mount_namespace=bool(data.get("mount_namespace")),
        network_namespace=bool(data.get("network_namespace")),
        unprivileged_user=bool(data.get("unprivileged_user")),
        hidden=list(data.get("hidden", [])),
        problems=list(data.get("problems", [])),
    )
