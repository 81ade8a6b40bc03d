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
import signal
import socket
import sys
from typing import Any, NoReturn

from mlpath.run.results import Limits

MAX_CONTROL_MESSAGE = 64 * 1024
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


def _fork_child(control: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    if len(fds) != 1:
        for fd in fds:
            os.close(fd)
        _reply(control, {"error": "a fork request carries exactly one socket"})
        return
    limits = Limits.from_dict(request["limits"])
    if limits.sandbox:
        from mlpath.run.isolation import filesystem_plan, zygote_namespaces

        filesystem_plan(limits.hidden_paths)  # computed once here, inherited by every child
        pid = zygote_namespaces().fork()
    else:
        pid = os.fork()
    if pid == 0:
        try:
            control.close()
            from mlpath.run.child import serve

            serve(socket.socket(fileno=fds[0]), limits, str(request["workdir"]))
        finally:
            os._exit(70)
    os.close(fds[0])
    # A pidfd names this very process: the executor can signal it and see it end without any
    # risk of hitting a later process that reused the number.
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:
        _reply(control, {"pid": pid})
        return
    _reply(control, {"pid": pid}, [pidfd])
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


def _relay_exit_of(zygote: int) -> NoReturn:
    """Stay the executor's child only to pass on how the real zygote (`zygote`, the first process
    of its own PID namespace) ended."""
    _, status = os.waitpid(zygote, 0)
    if os.WIFSIGNALED(status):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _set_pdeathsig() -> None:
    from mlpath.run._linux import PR_SET_PDEATHSIG, prctl

    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def main() -> None:
    """`python -m mlpath.run.zygote FD PRELOAD_JSON`."""
    fd, preload_json = sys.argv[1:3]
    control = socket.socket(fileno=int(fd))
    # Own process group, so the executor can take down the zygote and every child in one call.
    os.setpgid(0, 0)
    from mlpath.run import isolation

    relayed = False
    problem = isolation.enter_zygote_namespaces() if os.geteuid() != 0 else None
    if os.geteuid() != 0 and problem is None:
        real = os.fork()
        if real != 0:
            control.close()
            _relay_exit_of(real)
        relayed = True
        _set_pdeathsig()
    isolation.zygote_namespaces(problem)
    failed = preload(json.loads(preload_json))
    # Warm what every child needs, so no child pays for it after the fork.
    from mlpath.run import _linux, _syscall_filter, child

    _linux.libc()
    _syscall_filter.compiled_filter()
    del child
    _prepare_matplotlib()
    # Everything loaded so far lives as long as the zygote: freezing it keeps every child's
    # garbage collections from walking (and copying on write) the whole inherited heap, which
    # costs ~100 ms the first time a child collects.
    gc.freeze()
    _reply(control, {"ready": True, "relayed": relayed, "failed": failed})
    serve(control)
    control.close()


if __name__ == "__main__":
    main()
