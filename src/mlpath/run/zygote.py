"""The zygote: a warm process that has imported the heavy modules and forks children on request.

Started by the executor with a scrubbed environment; it talks to the executor over a
SOCK_SEQPACKET control socket. A `fork` request carries the child's socket as an attached file
descriptor; the child inherits it and talks to the executor directly from then on.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import select
import signal
import socket
import sys
from typing import Any

from mlpath.run.results import Limits

MAX_CONTROL_MESSAGE = 64 * 1024
# A sandboxed child reports its runner's pid after unshare and one fork: milliseconds.
SANDBOX_START_TIMEOUT = 10.0
MAX_REMEMBERED_ENDINGS = 10_000


def preload(modules: list[str]) -> dict[str, str]:
    """Import modules now so children get them for free; return the ones that failed, and why."""
    failed: dict[str, str] = {}
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a missing optional module is not the zygote's problem
            failed[name] = f"{type(exc).__name__}: {exc}"
    return failed


def _prepare_matplotlib() -> None:
    """Load matplotlib's font list now (building its cache file if needed): a sandboxed child
    cannot write the cache, so it would otherwise rebuild the list for every check."""
    if "matplotlib" in sys.modules:
        with contextlib.suppress(Exception):
            from matplotlib import font_manager

            font_manager.findfont("DejaVu Sans")


def _reply(control: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    payload = json.dumps(message).encode("utf-8")
    if fds:
        socket.send_fds(control, [payload], fds)
    else:
        control.send(payload)


def _describe_status(status: int) -> dict[str, Any]:
    if os.WIFSIGNALED(status):
        return {"signal": os.WTERMSIG(status)}
    return {"exit_code": os.WEXITSTATUS(status)}


class Children:
    """The zygote's children and how each ended: reaped without ever blocking, so a request
    about one child never waits for another."""

    def __init__(self) -> None:
        self.ended: dict[int, dict[str, Any]] = {}

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.ended[pid] = _describe_status(status)
            if len(self.ended) > MAX_REMEMBERED_ENDINGS:
                self.ended.pop(next(iter(self.ended)))

    def status(self, pid: int) -> dict[str, Any]:
        self.reap()
        if pid in self.ended:
            return self.ended.pop(pid)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return {"unknown": True}
        except PermissionError:
            pass
        return {"running": True}


def _read_runner_pid(read_end: int) -> int | None:
    """The pid a sandboxed child reports for the process that runs its cells."""
    ready, _, _ = select.select([read_end], [], [], SANDBOX_START_TIMEOUT)
    data = os.read(read_end, 32) if ready else b""
    return int(data) if data.strip().isdigit() else None


def _fork_child(control: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    if len(fds) != 1:
        for fd in fds:
            os.close(fd)
        _reply(control, {"error": "a fork request carries exactly one socket"})
        return
    limits = Limits.from_dict(request["limits"])
    if limits.sandbox:
        from mlpath.run.isolation import filesystem_plan

        filesystem_plan(limits.hidden_paths)  # computed once here, inherited by every child
    report_read, report_write = os.pipe() if limits.sandbox else (-1, -1)
    pid = os.fork()
    if pid == 0:
        try:
            control.close()
            if limits.sandbox:
                os.close(report_read)
            from mlpath.run.child import serve

            serve(
                socket.socket(fileno=fds[0]),
                limits,
                str(request["workdir"]),
                report_write if limits.sandbox else None,
            )
        finally:
            os._exit(70)
    os.close(fds[0])
    runner: int | None = pid
    if limits.sandbox:
        os.close(report_write)
        runner = _read_runner_pid(report_read)
        os.close(report_read)
    if runner is None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        _reply(control, {"error": "the sandboxed child did not start"})
        return
    # A pidfd names this very process: the executor can signal it and see it end without any
    # risk of hitting a later process that reused the number.
    try:
        pidfd = os.pidfd_open(runner)
    except OSError:
        _reply(control, {"pid": runner})
        return
    _reply(control, {"pid": runner}, [pidfd])
    os.close(pidfd)


def serve(control: socket.socket) -> None:
    """Answer fork and status requests until the executor closes the control socket."""
    children = Children()
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(control, MAX_CONTROL_MESSAGE, 4)
        except OSError:
            break
        if not data:
            break
        request = json.loads(data.decode("utf-8"))
        children.reap()
        if request.get("op") == "fork":
            _fork_child(control, request, fds)
        elif request.get("op") == "wait":
            _reply(control, children.status(int(request["pid"])))
        else:
            _reply(control, {"error": f"unknown request {request.get('op')!r}"})


def main() -> None:
    """`python -m mlpath.run.zygote FD PRELOAD_JSON`."""
    fd, preload_json = sys.argv[1:3]
    control = socket.socket(fileno=int(fd))
    # Own process group, so the executor can take down the zygote and every child in one call.
    os.setpgid(0, 0)
    # A sandboxed child forks once more into its own PID namespace and its first process exits:
    # the grandchild is then the zygote's, to reap and report on.
    with contextlib.suppress(OSError):
        from mlpath.run._linux import PR_SET_CHILD_SUBREAPER, prctl

        prctl(PR_SET_CHILD_SUBREAPER, 1)
    failed = preload(json.loads(preload_json))
    # Warm what every child needs, so no child pays for it after the fork.
    from mlpath.run import _linux, _syscall_filter, child, isolation

    _linux.libc()
    _syscall_filter.syscall_filter()
    del child, isolation
    _prepare_matplotlib()
    # Everything loaded so far lives as long as the zygote: freezing it keeps every child's
    # garbage collections from walking (and copying on write) the whole inherited heap, which
    # costs ~100 ms the first time a child collects.
    gc.freeze()
    _reply(control, {"ready": True, "pid": os.getpid(), "failed": failed})
    serve(control)
    control.close()


if __name__ == "__main__":
    main()
