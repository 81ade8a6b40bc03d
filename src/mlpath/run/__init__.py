"""The executor: one mechanism that runs lessons, learner cells and graded submissions.

A warm zygote process imports numpy and matplotlib once, then forks a fresh child per session;
each child runs cells in one namespace under resource limits and returns plain data.

Names are imported on first use, so reading cached results (`mlpath verify` with nothing to
run) does not pay for the process machinery.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlpath.run.executor import Executor, Session
    from mlpath.run.results import CellResult, ErrorInfo, Limits

__all__ = ["CellResult", "ErrorInfo", "Executor", "Limits", "Session"]
_HOMES = {
    "Executor": "mlpath.run.executor",
    "Session": "mlpath.run.executor",
    "CellResult": "mlpath.run.results",
    "ErrorInfo": "mlpath.run.results",
    "Limits": "mlpath.run.results",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'mlpath.run' has no attribute {name!r}")
