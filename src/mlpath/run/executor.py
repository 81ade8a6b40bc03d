"""The executor's public API: persistent sessions, and whole programs run in parallel.

with Executor(jobs=2) as executor:
    with executor.session() as session:       # one child, state kept between cells
        result = session.run_cell("x = 2\\nx * 21")
    for index, program in executor.run_programs(programs):   # one child per program
        ...
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from mlpath.errors import ExecutorError
from mlpath.run._launch import (
    LaunchedChild,
    Launcher,
    SpawnLauncher,
    ZygoteLauncher,
    ZygoteReplaced,
    describe_exit,
)
from mlpath.run.protocol import ChannelClosed, recv_message, send_message
from mlpath.run.results import CellResult, Limits, ProgramResult

DEFAULT_PRELOAD = ("numpy", "matplotlib", "matplotlib.pyplot")
# Seconds a cell may overrun its own timeout before the parent kills the whole child: the
# child's own alarm cannot interrupt code stuck in native code.
KILL_GRACE = 2.0
START_TIMEOUT = 60.0
# A killed child is gone within milliseconds; past this, its ending is reported as unknown.
EXIT_TIMEOUT = 10.0

Mode = Literal["auto", "fork", "spawn"]


@dataclass(frozen=True)
class CellRequest:
    """One cell to run: its code and, optionally, its own timeout."""

    code: str
    timeout: float | None = None


OutputListener = Callable[[str, str], None]


def _partial_chunks(message: dict[str, Any]) -> list[tuple[str, str]]:
    """The (stream, text) pairs of a streamed message; ValueError if it is not one."""
    chunks = message.get("partial")
    if not isinstance(chunks, list) or not all(
        isinstance(chunk, list)
        and len(chunk) == 2
        and chunk[0] in ("stdout", "stderr")
        and isinstance(chunk[1], str)
        for chunk in chunks
    ):
        raise ValueError("malformed partial output")
    return [(chunk[0], chunk[1]) for chunk in chunks]


def fork_available() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "send_fds")


class Session:
    """One child process with a persistent namespace: cells run in order, state carries over."""

    def __init__(self, launcher: Launcher, limits: Limits) -> None:
        self.limits = limits
        self._launcher = launcher
        self._workdir = tempfile.mkdtemp(prefix="mlpath-cell-")
        self.crash: str | None = None
        self._closed = False
        self._closing = False
        self._lock = threading.Lock()
        self._pidfd: int | None = None
        try:
            self._sock, launched = self._launch()
        except BaseException:
            shutil.rmtree(self._workdir, ignore_errors=True)
            raise
        self.pid = launched.pid
        self._pidfd = launched.pidfd
        try:
            hello = recv_message(self._sock, time.monotonic() + START_TIMEOUT)
        except (ChannelClosed, TimeoutError, OSError) as exc:
            self.close()
            raise ExecutorError(f"a child process did not start: {self.crash or exc}") from exc
        self.isolation: dict[str, Any] | None = hello.get("isolation")

    def _launch(self) -> tuple[socket.socket, LaunchedChild]:
        """Start the child; once more on a fresh socket if the zygote had to be replaced."""
        for attempt in (1, 2):
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                return ours, self._launcher.launch(theirs, self.limits, self._workdir)
            except ZygoteReplaced:
                ours.close()
                if attempt == 2:
                    raise
            except BaseException:
                ours.close()
                raise
            finally:
                theirs.close()
        raise AssertionError("unreachable")

    @property
    def alive(self) -> bool:
        return not self._closed and self.crash is None

    def run_cell(
        self,
        code: str,
        timeout: float | None = None,
        name: str | None = None,
        on_output: OutputListener | None = None,
    ) -> CellResult:
        """Run one cell. Never raises for the cell's own failures: they are in the result.

        `name` is what tracebacks call the cell (`<cell 3>` for the third cell of a page);
        by default, the number of cells this session has run. `on_output`, if given, is called
        with each piece of output while the cell runs (stream name, text); the result still
        holds all of it.
        """
        with self._lock:
            if not self.alive:
                return CellResult(not_run=True, crash=self.crash or "the session is closed")
            limit = timeout if timeout is not None else self.limits.timeout
            started = time.perf_counter()
            # One deadline for the whole reply, however the child dribbles it out.
            deadline = time.monotonic() + limit + KILL_GRACE
            try:
                self._sock.settimeout(limit + KILL_GRACE)
                request = {"op": "run", "code": code, "timeout": limit}
                if name is not None:
                    request["name"] = name
                if on_output is not None:
                    request["stream"] = True
                send_message(self._sock, request)
                reply = recv_message(self._sock, deadline)
                while "partial" in reply:
                    for stream, text in _partial_chunks(reply):
                        if on_output is not None:
                            on_output(stream, text)
                    reply = recv_message(self._sock, deadline)
            except TimeoutError:
                self._kill()
                self.crash = f"the cell ran longer than its {limit:g} s limit and was killed"
                self._reap()
                return CellResult(
                    crash=self.crash, timed_out=True, duration=time.perf_counter() - started
                )
            except (ChannelClosed, OSError):
                self._kill()
                self.crash = self._reap()
                return CellResult(crash=self.crash, duration=time.perf_counter() - started)
            except ValueError:
                return self._garbled(started)
            try:
                return CellResult.from_dict(reply)
            except (KeyError, TypeError, ValueError):
                return self._garbled(started)

    def _garbled(self, started: float) -> CellResult:
        """The child's reply could not be read (code that forks or writes to the channel)."""
        self._kill()
        self._reap()
        self.crash = "the process sent an unreadable reply (did the code fork?) and was stopped"
        return CellResult(crash=self.crash, duration=time.perf_counter() - started)

    def run_cells(self, cells: Iterable[CellRequest]) -> ProgramResult:
        """Run cells in order; after a crash the rest are marked not run."""
        program = ProgramResult()
        for cell in cells:
            result = self.run_cell(cell.code, cell.timeout)
            program.cells.append(result)
            if result.crash and program.crash is None:
                program.crash = result.crash
        return program

    def _signal(self, number: int) -> None:
        """Signal the child through its pidfd where there is one: never a reused pid."""
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, number)
            else:
                os.kill(self.pid, number)

    def interrupt(self) -> None:
        """Raise KeyboardInterrupt in the running cell (the web app's Stop button)."""
        self._signal(signal.SIGINT)

    def _kill(self) -> None:
        # The child leads its own process group; a sandboxed one is also the first process of
        # its PID namespace, and every process in it dies with it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        self._signal(signal.SIGKILL)

    def _await_exit(self) -> None:
        if self._pidfd is not None:
            select.select([self._pidfd], [], [], EXIT_TIMEOUT)

    def _reap(self) -> str:
        try:
            self._await_exit()
            status = self._launcher.wait(self.pid)
        except (ExecutorError, OSError) as exc:
            return f"the process ended ({exc})"
        finally:
            self._closed = True
            self._sock.close()
            if self._pidfd is not None:
                os.close(self._pidfd)
                self._pidfd = None
            shutil.rmtree(self._workdir, ignore_errors=True)
        return describe_exit(status)

    def close(self, wait: bool = True) -> None:
        """End the child and remove its scratch directory.

        With `wait=False` the child is killed now and reaped in the background: a process with
        a large address space takes milliseconds to exit, and nobody needs to watch it go.
        """
        if self._closed or self._closing:
            return
        self._closing = True
        self._kill()
        if wait:
            self._reap()
        else:
            threading.Thread(target=self._reap, name="mlpath-reap", daemon=True).start()

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class SpareSessions:
    """Single-use sessions started one step ahead, so taking one costs no fork or set-up.

    Each session serves one job (a graded submission) and is closed after it: state never
    leaks from one learner's code to the next. The next spare is prepared in the background
    while the current one works.
    """

    def __init__(self, executor: Executor, limits: Limits, prepare: str = "") -> None:
        self._executor = executor
        self._limits = limits
        self._prepare = prepare
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mlpath-spare")
        self._next: Future[Session] | None = None
        self._lock = threading.Lock()

    def _start(self) -> Future[Session]:
        return self._pool.submit(self._new_session)

    def _new_session(self) -> Session:
        session = self._executor.session(self._limits)
        if self._prepare:
            prepared = session.run_cell(self._prepare)
            if not prepared.ok:
                session.close()
                problem = prepared.error.summary if prepared.error else prepared.crash
                raise ExecutorError(f"preparing a session failed: {problem}")
        return session

    def take(self) -> Session:
        """A ready session (started now if no spare is waiting); the next one starts at once."""
        with self._lock:
            pending = self._next or self._start()
            self._next = self._start()
        return pending.result()

    def close(self) -> None:
        with self._lock:
            pending, self._next = self._next, None
        if pending is not None:
            with contextlib.suppress(Exception):
                pending.result().close()
        self._pool.shutdown(wait=True)


class Executor:
    """Owns the zygote (or the spawn fallback) and hands out sessions.

    Args:
        jobs: how many children run at once in `run_programs` (default: number of cores).
        preload: extra modules the zygote imports up front (missing ones are ignored).
        limits: default limits for every child.
        mode: "fork" (zygote), "spawn" (fresh interpreter per child) or "auto".
        cache_dir: where matplotlib keeps its font cache between runs.
        control_timeout: seconds the zygote has to answer a request; one that does not is
            replaced by a new zygote (sessions already started keep running).
    """

    def __init__(
        self,
        *,
        jobs: int | None = None,
        preload: Sequence[str] = (),
        limits: Limits | None = None,
        mode: Mode = "auto",
        cache_dir: Path | None = None,
        control_timeout: float = 15.0,
    ) -> None:
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.preload = list(dict.fromkeys([*DEFAULT_PRELOAD, *preload]))
        self.limits = limits or Limits()
        if mode == "auto":
            mode = "fork" if fork_available() else "spawn"
        self.mode: Mode = mode
        self._cache_dir = cache_dir or Path(tempfile.gettempdir()) / "mlpath-cache"
        self._control_timeout = control_timeout
        self._launcher: Launcher | None = None
        self._start_lock = threading.Lock()
        self._closed = False

    def _ensure_launcher(self) -> Launcher:
        with self._start_lock:
            if self._closed:
                raise ExecutorError("the executor is closed")
            if self._launcher is None:
                if self.mode == "fork":
                    self._launcher = ZygoteLauncher(
                        self.preload, self._cache_dir, self._control_timeout
                    )
                else:
                    self._launcher = SpawnLauncher(self.preload, self._cache_dir)
            return self._launcher

    @property
    def started(self) -> bool:
        """Whether the zygote (or the spawn launcher) is up."""
        return self._launcher is not None

    def start(self) -> None:
        """Start the zygote now rather than on the first session (a server calls this in the
        background at start-up, so the first cell a learner runs is as fast as the rest).
        Does nothing once the executor is closed (a server may stop before it started)."""
        try:
            self._ensure_launcher()
        except ExecutorError:
            if not self._closed:
                raise

    def session(self, limits: Limits | None = None) -> Session:
        """A new child with its own namespace. Close it (or use `with`) when done."""
        return Session(self._ensure_launcher(), limits or self.limits)

    def spare_sessions(self, limits: Limits | None = None, prepare: str = "") -> SpareSessions:
        """Single-use sessions prepared one ahead: fork, isolation and the `prepare` cell
        happen off the clock."""
        return SpareSessions(self, limits or self.limits, prepare)

    def run_program(
        self, cells: Sequence[CellRequest], limits: Limits | None = None
    ) -> ProgramResult:
        """Run cells in a fresh child, then end it."""
        with self.session(limits) as session:
            return session.run_cells(cells)

    def run_programs(
        self, programs: Sequence[Sequence[CellRequest]], limits: Limits | None = None
    ) -> Iterator[tuple[int, ProgramResult]]:
        """Run programs in parallel, `jobs` at a time; yield (index, result) as each finishes."""
        if not programs:
            return
        self._ensure_launcher()
        with ThreadPoolExecutor(max_workers=min(self.jobs, len(programs))) as pool:
            futures: dict[Future[ProgramResult], int] = {
                pool.submit(self._run_guarded, program, limits): index
                for index, program in enumerate(programs)
            }
            for future in as_completed(futures):
                yield futures[future], future.result()

    def _run_guarded(self, cells: Sequence[CellRequest], limits: Limits | None) -> ProgramResult:
        try:
            return self.run_program(cells, limits)
        except ExecutorError as exc:
            return ProgramResult(crash=str(exc))

    def close(self) -> None:
        with self._start_lock:
            self._closed = True
            if self._launcher is not None:
                self._launcher.close()
                self._launcher = None

    def __enter__(self) -> Executor:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
