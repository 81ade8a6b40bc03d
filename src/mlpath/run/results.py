"""What a run returns, as plain data, and the limits it runs under."""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Resource limits for one child process.

    Args:
        timeout: default wall-clock seconds per cell.
        memory_mb: address space a child may add beyond what it inherited from the zygote.
        cpu_seconds: CPU time for the child's whole life (all its cells).
        output_bytes: stdout+stderr kept per cell; the rest is dropped and the truncation noted.
        sandbox: isolate the child for untrusted code (see `mlpath.run.isolation`).
        hidden_paths: folders a sandboxed child must not see (checkpoint definitions).
        file_mb: the largest file a sandboxed child may write (its scratch folder is small too).
    """

    timeout: float = 30.0
    memory_mb: int = 2048
    cpu_seconds: int = 600
    output_bytes: int = 1_000_000
    sandbox: bool = False
    hidden_paths: tuple[str, ...] = ()
    file_mb: int = 16

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Limits:
        values = dict(data)
        values["hidden_paths"] = tuple(values.get("hidden_paths", ()))
        return cls(**values)


@dataclass(frozen=True)
class ErrorInfo:
    """An exception raised by a cell.

    Args:
        type_name: the class name, e.g. `ValueError`.
        type_names: names (short and dotted) of the class and its bases, to match `raises=`.
        summary: the exception's last lines as Python prints them (`ValueError: ...`).
        traceback: the traceback, trimmed to the cell's own frames.
    """

    type_name: str
    type_names: tuple[str, ...]
    summary: str
    traceback: str

    def is_a(self, name: str) -> bool:
        return name in self.type_names


@dataclass(frozen=True)
class CellResult:
    """Everything one cell produced.

    `streams` keeps stdout and stderr chunks in the order written; `value` is the repr of a
    trailing expression; `crash` is set when the process died or was killed during the cell, and
    `timed_out` when it was killed for overrunning its time limit; `notice` tells the learner
    something about their session they did not cause in this cell (it was stopped earlier to
    free memory, so their variables are gone).
    """

    streams: tuple[tuple[str, str], ...] = ()
    value: str | None = None
    error: ErrorInfo | None = None
    figures: tuple[bytes, ...] = ()
    figure_texts: tuple[str, ...] = ()
    truncated: bool = False
    duration: float = 0.0
    crash: str | None = None
    not_run: bool = False
    timed_out: bool = False
    notice: str | None = None

    @property
    def stdout(self) -> str:
        return "".join(text for name, text in self.streams if name == "stdout")

    @property
    def stderr(self) -> str:
        return "".join(text for name, text in self.streams if name == "stderr")

    @property
    def ok(self) -> bool:
        return self.error is None and self.crash is None and not self.not_run

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["figures"] = [base64.b64encode(f).decode("ascii") for f in self.figures]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CellResult:
        error = data.get("error")
        return cls(
            streams=tuple((str(n), str(t)) for n, t in data.get("streams", ())),
            value=data.get("value"),
            error=ErrorInfo(
                type_name=error["type_name"],
                type_names=tuple(error["type_names"]),
                summary=error["summary"],
                traceback=error["traceback"],
            )
            if error
            else None,
            figures=tuple(base64.b64decode(f) for f in data.get("figures", ())),
            figure_texts=tuple(str(t) for t in data.get("figure_texts", ())),
            truncated=bool(data.get("truncated", False)),
            duration=float(data.get("duration", 0.0)),
            crash=data.get("crash"),
            not_run=bool(data.get("not_run", False)),
            timed_out=bool(data.get("timed_out", False)),
            notice=data.get("notice"),
        )


@dataclass
class ProgramResult:
    """The results of running a sequence of cells in one fresh child."""

    cells: list[CellResult] = field(default_factory=list)
    crash: str | None = None
