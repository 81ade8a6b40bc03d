"""The child side: run cells in one namespace and send back plain data.

Runs inside a process forked from the zygote (or spawned fresh). It applies its limits first,
then answers `run` requests on its socket until told to exit or the socket closes.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import io
import linecache
import os
import resource
import signal
import socket
import sys
import threading
import time
import traceback
import types
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from mlpath.run._capture import CapturingStream, CellOutput
from mlpath.run.protocol import ChannelClosed, recv_message, send_message
from mlpath.run.results import Limits

CELL_FILENAME_PREFIX = "<cell "
CHILD_NICENESS = 5
# A streamed cell sends what it printed at most this often (seconds): a print loop costs a
# message per interval, not one per line.
STREAM_INTERVAL = 0.1
_CELL_SIGNALS = {signal.SIGINT, signal.SIGALRM}


class CellTimeout(BaseException):
    """Raised in a cell when its time is up; a BaseException, so `except Exception` misses it."""


def _on_alarm(signum: int, frame: types.FrameType | None) -> None:
    raise CellTimeout


def _set_pdeathsig() -> None:
    """Ask Linux to kill this child when its parent (the zygote) dies."""
    with contextlib.suppress(Exception):
        from mlpath.run._linux import PR_SET_PDEATHSIG, prctl

        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _current_address_space() -> int:
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


_LIMIT_NAMES = {
    resource.RLIMIT_AS: "address space",
    resource.RLIMIT_CPU: "CPU seconds",
    resource.RLIMIT_CORE: "core files",
    resource.RLIMIT_NPROC: "processes",
    resource.RLIMIT_FSIZE: "file size",
}


def apply_limits(limits: Limits, sandboxed: bool = False) -> tuple[dict[str, int], list[str]]:
    """Limit memory (beyond what is already mapped), CPU time and core dumps; for sandboxed
    code also the number of processes and the size of any file it writes.

    Returns the soft limits now in force, by name, and a sentence for each that failed.
    """
    extra = limits.memory_mb * 1024 * 1024
    address_space = _current_address_space() + extra
    wanted = {
        resource.RLIMIT_AS: (address_space, address_space),
        resource.RLIMIT_CPU: (limits.cpu_seconds, limits.cpu_seconds + 1),
        resource.RLIMIT_CORE: (0, 0),
    }
    if sandboxed:
        from mlpath.run.isolation import MAX_PROCESSES

        file_bytes = limits.file_mb * 1024 * 1024
        wanted[resource.RLIMIT_NPROC] = (MAX_PROCESSES, MAX_PROCESSES)
        wanted[resource.RLIMIT_FSIZE] = (file_bytes, file_bytes)
    in_force: dict[str, int] = {}
    problems: list[str] = []
    for kind, (soft, hard) in wanted.items():
        name = _LIMIT_NAMES[kind]
        try:
            resource.setrlimit(kind, (soft, hard))
        except (ValueError, OSError) as exc:
            problems.append(f"limit on {name} not set ({exc})")
        in_force[name] = resource.getrlimit(kind)[0]
    return in_force, problems


def _reset_process_state() -> None:
    """Fixed, documented state for every child: print options, plots, signals."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.set_printoptions(
            edgeitems=3,
            infstr="inf",
            linewidth=75,
            nanstr="nan",
            precision=8,
            suppress=False,
            threshold=1000,
            formatter=None,
            sign="-",
            floatmode="maxprec",
            legacy=False,
        )
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


def _redirect_fds() -> None:
    """C-level writes to fd 1/2 go nowhere; Python-level output is captured per cell."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def _type_names(exc: BaseException) -> list[str]:
    names: list[str] = []
    for cls in type(exc).__mro__:
        names.append(cls.__name__)
        names.append(f"{cls.__module__}.{cls.__qualname__}")
    return names


def _trimmed_traceback(exc: BaseException) -> str:
    """The traceback from the first frame in cell code on: engine frames are not the learner's."""
    tb = exc.__traceback__
    while tb is not None and not tb.tb_frame.f_code.co_filename.startswith(CELL_FILENAME_PREFIX):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _error_info(exc: BaseException) -> dict[str, Any]:
    return {
        "type_name": type(exc).__name__,
        "type_names": _type_names(exc),
        "summary": "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n"),
        "traceback": _trimmed_traceback(exc),
    }


def _collect_figures() -> tuple[list[str], list[str]]:
    """PNG (base64) and repr (`<Figure size 400x400 with 1 Axes>`) of every open figure."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return [], []
    images: list[str] = []
    texts: list[str] = []
    for number in pyplot.get_fignums():
        figure = pyplot.figure(number)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
        images.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
        texts.append(repr(figure))
    pyplot.close("all")
    return images, texts


def _compile_cell(code: str, filename: str) -> tuple[types.CodeType, types.CodeType | None]:
    """Split a cell as the REPL does: statements to exec, and a trailing expression to show."""
    tree = ast.parse(code, filename=filename, mode="exec")
    trailing: ast.Expression | None = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not code.rstrip().endswith(";"):
        last = tree.body.pop()
        assert isinstance(last, ast.Expr)
        trailing = ast.Expression(last.value)
    body = compile(tree, filename, "exec")
    shown = compile(trailing, filename, "eval") if trailing is not None else None
    return body, shown


class CellRunner:
    """Runs cells in one persistent namespace, as a notebook kernel would."""

    def __init__(
        self, limits: Limits, send: Callable[[dict[str, Any]], None] | None = None
    ) -> None:
        self.limits = limits
        self.send = send  # to the parent, for streamed output
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
        self.count = 0
        self.stdout = CapturingStream("stdout")
        self.stderr = CapturingStream("stderr")
        sys.stdout = self.stdout
        sys.stderr = self.stderr

    def run(
        self, code: str, timeout: float, name: str | None = None, stream: bool = False
    ) -> dict[str, Any]:
        """Run a cell; tracebacks call it `<cell NAME>` (the cell the reader sees), or by how
        many cells this session has run. With `stream`, what it prints is also sent while it
        runs, as `{"partial": chunks}` messages before the reply."""
        self.count += 1
        filename = f"{CELL_FILENAME_PREFIX}{name or self.count}>"
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        output = CellOutput(self.limits.output_bytes)
        if stream and self.send is not None:
            output.on_add = self._streamer(output, self.send)
        self.stdout.target = output
        self.stderr.target = output
        value: str | None = None
        error: dict[str, Any] | None = None
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            # A Stop that came before the cell started was held (see `serve`): it raises here.
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            body, shown = _compile_cell(code, filename)
            exec(body, self.namespace)
            if shown is not None:
                result = eval(shown, self.namespace)
                if result is not None:
                    value = repr(result)
        except CellTimeout:
            error = {
                "type_name": "TimeoutError",
                "type_names": ["TimeoutError", "OSError", "Exception", "BaseException"],
                "summary": f"TimeoutError: the cell ran longer than its {timeout:g} s limit",
                "traceback": "",
            }
        except BaseException as exc:  # the cell's own exceptions, SystemExit included
            error = _error_info(exc)
        finally:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            signal.setitimer(signal.ITIMER_REAL, 0)
        duration = time.perf_counter() - started
        self.stdout.target = self.stderr.target = None
        try:
            figures, figure_texts = _collect_figures()
        except Exception as exc:
            figures, figure_texts = [], []
            error = error or _error_info(exc)
        return {
            "streams": output.chunks,
            "value": value,
            "error": error,
            "figures": figures,
            "figure_texts": figure_texts,
            "truncated": output.truncated,
            "duration": duration,
        }

    @staticmethod
    def _streamer(output: CellOutput, send: Callable[[dict[str, Any]], None]) -> Callable[[], None]:
        last = 0.0

        def on_add() -> None:
            nonlocal last
            now = time.monotonic()
            # Whole lines (or a progress bar's \r), at most every interval; what waits goes with
            # the next message or with the reply, which holds everything.
            if now - last < STREAM_INTERVAL or not output.ends_a_line():
                return
            last = now
            with contextlib.suppress(OSError):
                send({"partial": output.take_new()})

        return on_add


def _enter_sandbox(limits: Limits) -> dict[str, Any]:
    """Isolate this process (see `isolation`), filter its system calls and limit it."""
    from mlpath.run._syscall_filter import load_syscall_filter
    from mlpath.run.isolation import enter_sandbox

    with contextlib.suppress(OSError):
        os.setsid()
    report = enter_sandbox(limits.hidden_paths)
    problem = load_syscall_filter()
    if problem:
        report.problems.append(problem)
    report.syscall_filter = problem is None
    report.limits, problems = apply_limits(limits, sandboxed=True)
    report.problems += problems
    return asdict(report)


def serve(sock: socket.socket, limits: Limits, workdir: str, report_pid: int | None = None) -> None:
    """The child's main loop. Never returns: the process exits when the parent is done.

    A sandboxed child writes the pid of the process that runs the cells to `report_pid`.
    """
    _redirect_fds()
    # Learner code yields the CPU to the process serving pages: on a small machine a burst of
    # cells must not stall everyone else's requests.
    with contextlib.suppress(OSError):
        os.nice(CHILD_NICENESS)
    isolation: dict[str, Any] | None = None
    if limits.sandbox:
        isolation = _enter_sandbox(limits)
    else:
        with contextlib.suppress(OSError):
            os.setsid()
        _set_pdeathsig()
        os.chdir(workdir)
        apply_limits(limits)
    _reset_process_state()
    sending = threading.Lock()

    def send(message: dict[str, Any]) -> None:
        # A cell's own threads may print (and so stream) while another message goes out, and
        # Stop or the time limit may interrupt a streaming print: neither may cut a message.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _CELL_SIGNALS)
        try:
            with sending:
                send_message(sock, message)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    runner = CellRunner(limits, send)
    status = 0
    # Stop (SIGINT) only ever interrupts a cell: between cells it waits, so it can never cut
    # a message or end the session.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        send({"ready": True, "pid": os.getpid(), "isolation": isolation})
        while True:
            request = recv_message(sock)
            op = request.get("op")
            if op == "run":
                name = request.get("name")
                reply = runner.run(
                    str(request["code"]),
                    float(request["timeout"]),
                    str(name) if name else None,
                    stream=bool(request.get("stream")),
                )
                send(reply)
            elif op == "exit":
                break
    except (ChannelClosed, OSError):
        status = 1
    finally:
        os._exit(status)


def main() -> None:
    """Entry point for the spawn fallback: `python -m mlpath.run.child FD LIMITS WORKDIR MODS`."""
    import json

    fd, limits_json, workdir, preload_json = sys.argv[1:5]
    from mlpath.run.zygote import preload

    preload(json.loads(preload_json))
    sock = socket.socket(fileno=int(fd))
    serve(sock, Limits.from_dict(json.loads(limits_json)), workdir)


if __name__ == "__main__":
    main()
