"""How a child process comes to be: forked by the zygote, or spawned fresh where fork is missing.

Both launchers hand the child one end of a socketpair and can report how it ended.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Protocol

import mlpath
from mlpath.errors import ExecutorError
from mlpath.run.results import Limits

# What describes the machine (which CPU kernels to use) passes; nothing else does.
_PASSED_THROUGH = (
    "PATH",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    "NPY_DISABLE_CPU_FEATURES",
    "NPY_ENABLE_CPU_FEATURES",
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


class Launcher(Protocol):
    def launch(self, child_end: socket.socket, limits: Limits, workdir: str) -> int: ...

    def wait(self, pid: int) -> dict[str, Any]: ...

    def close(self) -> None: ...


class ZygoteLauncher:
    """Starts the zygote once; every launch is a fork of it (a few milliseconds)."""

    def __init__(self, preload: list[str], cache_dir: Path) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._control = ours
        self._lock = threading.Lock()
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 -- lives as long as the zygote
        self._process = subprocess.Popen(
            [sys.executable, "-m", "mlpath.run.zygote", str(theirs.fileno()), json.dumps(preload)],
            pass_fds=[theirs.fileno()],
            env=child_environment(cache_dir),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            cwd=tempfile.gettempdir(),
        )
        theirs.close()
        hello = self._receive()
        if not hello.get("ready"):
            raise ExecutorError(f"the zygote did not start: {self._log_text()}")
        self.failed_preloads: dict[str, str] = hello.get("failed", {})

    def _log_text(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-4000:] or "(no output)"

    def _receive(self) -> dict[str, Any]:
        data = self._control.recv(65536)
        if not data:
            self._process.wait()
            raise ExecutorError(
                f"the zygote exited with status {self._process.returncode}: {self._log_text()}"
            )
        message: dict[str, Any] = json.loads(data.decode("utf-8"))
        return message

    def _request(self, message: dict[str, Any], fds: list[int] | None = None) -> dict[str, Any]:
        with self._lock:
            payload = json.dumps(message).encode("utf-8")
            if fds:
                socket.send_fds(self._control, [payload], fds)
            else:
                self._control.send(payload)
            return self._receive()

    def launch(self, child_end: socket.socket, limits: Limits, workdir: str) -> int:
        reply = self._request(
            {"op": "fork", "limits": limits.to_dict(), "workdir": workdir}, [child_end.fileno()]
        )
        if "pid" not in reply:
            raise ExecutorError(f"the zygote could not fork: {reply.get('error', reply)}")
        return int(reply["pid"])

    def wait(self, pid: int) -> dict[str, Any]:
        return self._request({"op": "wait", "pid": pid})

    def close(self) -> None:
        self._control.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()


class SpawnLauncher:
    """The fallback where fork is unavailable: a fresh interpreter per child (slower to start)."""

    def __init__(self, preload: list[str], cache_dir: Path) -> None:
        self._preload = preload
        self._env = child_environment(cache_dir)
        self._processes: dict[int, subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()

    def launch(self, child_end: socket.socket, limits: Limits, workdir: str) -> int:
        process = subprocess.Popen(
            [
                sys.executable,
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
        return process.pid

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
