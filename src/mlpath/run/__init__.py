"""The executor: one mechanism that runs lessons, learner cells and graded submissions.

A warm zygote process imports numpy and matplotlib once, then forks a fresh child per session;
each child runs cells in one namespace under resource limits and returns plain data.
"""

from mlpath.run.executor import Executor, Session
from mlpath.run.results import CellResult, ErrorInfo, Limits

__all__ = ["CellResult", "ErrorInfo", "Executor", "Limits", "Session"]
