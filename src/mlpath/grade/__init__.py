"""Checkpoints: sandboxed grading that names the learner's mistake.

Authors import `checkpoint` and `Misconception` in `<lesson>.checks.py`; learners call
`mlpath.check(...)` in a notebook or `mlpath check` in a terminal.
"""

from mlpath.errors import DefinitionError
from mlpath.grade.model import Checkpoint, Invariant, Misconception, checkpoint

__all__ = ["Checkpoint", "DefinitionError", "Invariant", "Misconception", "checkpoint"]
