"""How a child process comes to be: forked by the zygote, or spawned fresh where fork is missing.

Both launchers hand the child one end of a socketpair and can report how it ended.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import mlpath
from mlpath.errors import ExecutorError
from mlpath.run.results import Limits

START_TIMEOUT = 60.0

# What describes the machine (which CPU kernels to use) passes; nothing else does.
_PASSED_THROUGH = (
    "PATH",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    "NPY_DISABLE_CPU_FEATURES",
    "NPY_ENABLE_CPU_FEATURES",
    # PyTorch's own kernel choice: ATen's SIMD level, MKL's and oneDNN's instruction sets.
    "ATEN_CPU_CAPABILITY",
    "MKL_ENABLE_INSTRUCTIONS",
    "ONEDNN_MAX_CPU_ISA",
    "SYSTEMROOT",
)


def child_environment(cache_dir: Path) -> dict[str, str]:
    """A scrubbed environment: no secrets, fixed locale, time zone, hash seed and thread counts."""
    env = {key: os.environ[key] for key in _PASSED_THROUGH if key in os.environ}
    mpl_dir = cache_dir / "matplotlib"
    try:
        mpl_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        # An unusable MLPATH_HOME costs matplotlib its font cache, never the run itself.
        mpl_dir = Path(tempfile.mkdtemp(prefix="mlpath-matplotlib-"))
    env.update(
        {
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": os.pathsep.join(
                [str(Path(mlpath.__file__).resolve().parent.parent)]
                + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
            ),
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": str(mpl_dir),
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "NUMEXPR_NUM_THREADS": "1",
            "HOME": tempfile.gettempdir(),
        }
    )
    return env


def describe_exit(status: dict[str, Any]) -> str:
    """A sentence about how a child ended, for a person."""
    if "signal" in status:
        number = int(status["signal"])
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        hints = {
            "SIGSEGV": "a crash in native code (segmentation fault)",
            "SIGKILL": "killed (time or memory limit, or from outside)",
            "SIGXCPU": "it used up its CPU-time limit",
            "SIGABRT": "aborted by native code",
        }
        return f"the process died from {name}: {hints.get(name, 'killed by a signal')}"
    if "exit_code" in status:
        return f"the process exited with status {status['exit_code']} (os._exit or similar)"
    return "the process ended"


@dataclass(frozen=True)
class LaunchedChild:
    """A started child: its pid and, where Linux gives one, a pidfd naming that very process."""

    pid: int
    pidfd: int | None = None


class ZygoteReplaced(ExecutorError):
    """The zygote died or stopped answering during a launch; a new one has taken its place."""


class Launcher(Protocol):
    def launch(self, child_end: socket.socket, limits: Limits, workdir: str) -> LaunchedChild: ...

    def wait(self, pid: int) -> dict[str, Any]: ...

    def close(self) -> None: ...


class _Zygote:
    """One zygote process and its control channel: every request has one deadline for its
    reply, and a zygote that misses it is marked broken and never asked again."""

    def __init__(self, preload: list[str], cache_dir: Path, start_timeout: float) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._control = ours
        self.lock = threading.Lock()
        self.broken: str | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 -- lives as long as the zygote
        self.process = subprocess.Popen(
            # -P: nothing from the working directory on sys.path (it would be shown to
            # sandboxed children as part of the Python installation).
            [
                sys.executable,
                "-P",
                "-m",
                "mlpath.run.zygote",
                str(theirs.fileno()),
                json.dumps(preload),
            ],
            pass_fds=[theirs.fileno()],
            env=child_environment(cache_dir),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            cwd=tempfile.gettempdir(),
        )
        theirs.close()
        try:
            hello = self._receive(start_timeout)
        except ZygoteReplaced as exc:
            self.kill()
            raise ExecutorError(f"the zygote did not start: {exc}") from exc
        if not hello.get("ready"):
            self.kill()
            raise ExecutorError(f"the zygote did not start: {self.log_text()}")
        self.failed_preloads: dict[str, str] = hello.get("failed", {})
        # An ordinary user's zygote runs as the first process of its own PID namespace, below a
        # process that only passes on how it ends.
        self._relayed = bool(hello.get("relayed"))

    @property
    def pid(self) -> int:
        """The process that forks the children, as this process sees it."""
        if self._relayed:
            relay = self.process.pid
            children = f"/proc/{relay}/task/{relay}/children"
            with contextlib.suppress(OSError, ValueError, IndexError), open(children) as listed:
                return int(listed.read().split()[0])
        return self.process.pid

    def log_text(self) -> str:
        with contextlib.suppress(ValueError, OSError):
            self._log.seek(0)
            return self._log.read().decode("utf-8", "replace")[-4000:] or "(no output)"
        return "(no output)"

    def _receive(self, timeout: float) -> dict[str, Any]:
        self._control.settimeout(timeout)
        try:
            data, fds, _flags, _addr = socket.recv_fds(self._control, 65536, 1)
        except TimeoutError:
            self.broken = f"the zygote did not answer within {timeout:g} s"
            raise ZygoteReplaced(self.broken) from None
        except OSError as exc:
            self.broken = f"the zygote's channel failed ({exc})"
            raise ZygoteReplaced(self.broken) from exc
        if not data:
            self.broken = f"the zygote exited: {self.log_text()}"
            raise ZygoteReplaced(self.broken)
        message: dict[str, Any] = json.loads(data.decode("utf-8"))
        if fds:
            message["_fd"] = fds[0]
        return message

    def request(
        self, message: dict[str, Any], timeout: float, fds: list[int] | None = None
    ) -> dict[str, Any]:
        with self.lock:
            if self.broken:
                raise ZygoteReplaced(self.broken)
            payload = json.dumps(message).encode("utf-8")
            self._control.settimeout(timeout)
            try:
                if fds:
                    socket.send_fds(self._control, [payload], fds)
                else:
                    self._control.send(payload)
            except OSError as exc:
                self.broken = f"the zygote's channel failed ({exc})"
                raise ZygoteReplaced(self.broken) from exc
            return self._receive(timeout)

    def kill(self) -> None:
        """End the zygote now (its children die with it) and release its resources."""
        self._control.close()
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=5 if not self.broken else 0.1)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def _pid_here(pidfd: int) -> int:
    """The pid of a pidfd's process in this process's PID namespace (the zygote may see it by
    another number, from inside a PID namespace of its own)."""
    with open(f"/proc/self/fdinfo/{pidfd}") as info:
        for line in info:
            if line.startswith("Pid:"):
                return int(line.split()[1])
    raise ExecutorError("the kernel did not say which process a pidfd names")


class ZygoteLauncher:
    """Starts a zygote once; every launch is a fork of it (a few milliseconds).

    A zygote that dies or misses a reply deadline is replaced by a new one for the next launch;
    sessions it already started keep running (they talk to the executor directly).
    """

    def __init__(self, preload: list[str], cache_dir: Path, control_timeout: float = 15.0) -> None:
        self._preload = preload
        self._cache_dir = cache_dir
        self._timeout = control_timeout
        self._zygote = _Zygote(preload, cache_dir, START_TIMEOUT)
        self._retired: list[_Zygote] = []
        # Child pid (as the executor sees it) -> its zygote and its pid as that zygote sees it.
        self._owners: dict[int, tuple[_Zygote, int]] = {}
        self._swap_lock = threading.Lock()
        self._closed = False
        self.failed_preloads = self._zygote.failed_preloads

    @property
    def pid(self) -> int:
        """The current zygote's process id."""
        return self._zygote.pid

    def _replace(self, broken: _Zygote) -> None:
        with self._swap_lock:
            # After close, a session still being reaped finds its zygote gone: that is no reason
            # to start another, which nobody would ever stop.
            if self._zygote is broken and not self._closed:
                self._retired.append(broken)
                self._zygote = _Zygote(self._preload, self._cache_dir, START_TIMEOUT)

    def launch(self, child_end: socket.socket, limits: Limits, workdir: str) -> LaunchedChild:
        zygote = self._zygote
        message = {"op": "fork", "limits": limits.to_dict(), "workdir": workdir}
        try:
            reply = zygote.request(message, self._timeout, [child_end.fileno()])
        except ZygoteReplaced:
            self._replace(zygote)
            raise
        if "pid" not in reply:
            raise ExecutorError(f"the zygote could not fork: {reply.get('error', reply)}")
        theirs = int(reply["pid"])
        pidfd: int | None = reply.get("_fd")
        pid = _pid_here(pidfd) if pidfd is not None else theirs
        self._owners[pid] = (zygote, theirs)
        return LaunchedChild(pid, pidfd)

    def wait(self, pid: int) -> dict[str, Any]:
        """How the child ended (ask only once it has: the zygote never waits for it)."""
        owner = self._owners.pop(pid, None)
        if owner is None:
            return {"unknown": True}
        zygote, theirs = owner
        try:
            return zygote.request({"op": "wait", "pid": theirs}, self._timeout)
        except ZygoteReplaced:
            self._replace(zygote)
            return {"unknown": True}

    def close(self) -> None:
        with self._swap_lock:
            self._closed = True
            zygotes = [self._zygote, *self._retired]
            self._retired.clear()
        for zygote in zygotes:
            zygote.kill()


class SpawnLauncher:
    """The fallback where fork is unavailable: a fresh interpreter per child (slower to start)."""

    def __init__(self, preload: list[str], cache_dir: Path) -> None:
        self._preload = preload
        self._env = child_environment(cache_dir)
        self._processes: dict[int, subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()

    def launch(self, child_end: socket.socket, limits: Limits, workdir: str) -> LaunchedChild:
        process = subprocess.Popen(
            [
                sys.executable,
                "-P",
                "-m",
                "mlpath.run.child",
                str(child_end.fileno()),
                json.dumps(limits.to_dict()),
                workdir,
                json.dumps(self._preload),
            ],
            pass_fds=[child_end.fileno()],
            env=self._env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=workdir,
            start_new_session=True,
        )
        with self._lock:
            self._processes[process.pid] = process
        pidfd: int | None = None
        with contextlib.suppress(AttributeError, OSError):
            pidfd = os.pidfd_open(process.pid)
        return LaunchedChild(process.pid, pidfd)

    def wait(self, pid: int) -> dict[str, Any]:
        with self._lock:
            process = self._processes.pop(pid, None)
        if process is None:
            return {"unknown": True}
        code = process.wait()
        return {"signal": -code} if code < 0 else {"exit_code": code}

    def close(self) -> None:
        with self._lock:
            processes = list(self._processes.values())
            self._processes.clear()
        for process in processes:
            process.kill()
            process.wait()
