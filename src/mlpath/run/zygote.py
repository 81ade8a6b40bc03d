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
import socket
import sys
from typing import Any

from mlpath.run.results import Limits

MAX_CONTROL_MESSAGE = 64 * 1024


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


def _reply(control: socket.socket, message: dict[str, Any]) -> None:
    control.send(json.dumps(message).encode("utf-8"))


def _describe_status(status: int) -> dict[str, Any]:
    if os.WIFSIGNALED(status):
        return {"signal": os.WTERMSIG(status)}
    return {"exit_code": os.WEXITSTATUS(status)}


def _fork_child(control: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    if len(fds) != 1:
        for fd in fds:
            os.close(fd)
        _reply(control, {"error": "a fork request carries exactly one socket"})
        return
    pid = os.fork()
    if pid == 0:
        try:
            control.close()
            from mlpath.run.child import serve

            serve(
                socket.socket(fileno=fds[0]),
                Limits.from_dict(request["limits"]),
                str(request["workdir"]),
            )
        finally:
            os._exit(70)
    os.close(fds[0])
    _reply(control, {"pid": pid})


def _wait_child(control: socket.socket, request: dict[str, Any]) -> None:
    pid = int(request["pid"])
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        _reply(control, {"unknown": True})
        return
    _reply(control, _describe_status(status))


def serve(control: socket.socket) -> None:
    """Answer fork and wait requests until the executor closes the control socket."""
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(control, MAX_CONTROL_MESSAGE, 4)
        except OSError:
            break
        if not data:
            break
        request = json.loads(data.decode("utf-8"))
        if request.get("op") == "fork":
            _fork_child(control, request, fds)
        elif request.get("op") == "wait":
            _wait_child(control, request)
        else:
            _reply(control, {"error": f"unknown request {request.get('op')!r}"})


def main() -> None:
    """`python -m mlpath.run.zygote FD PRELOAD_JSON`."""
    fd, preload_json = sys.argv[1:3]
    control = socket.socket(fileno=int(fd))
    # Own process group, so the executor can take down the zygote and every child in one call.
    os.setpgid(0, 0)
    failed = preload(json.loads(preload_json))
    # Warm what every child needs, so no child pays for it after the fork.
    from mlpath.run import child, isolation

    isolation.libc()
    del child
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
