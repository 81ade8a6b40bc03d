"""Checkpoints: sandboxed grading that names the learner's mistake.

Authors import `checkpoint` and `Misconception` in `<lesson>.checks.py`; learners call
`mlpath.check(...)` in a notebook or `mlpath check` in a terminal.
"""

from mlpath.errors import DefinitionError
from mlpath.grade.forbidden import COSINE, LOGSUMEXP, NORM, PRODUCT, Operation
from mlpath.grade.model import Checkpoint, Invariant, Misconception, checkpoint

__all__ = [
    "COSINE",
    "LOGSUMEXP",
    "NORM",
    "PRODUCT",
    "Checkpoint",
    "DefinitionError",
    "Invariant",
    "Misconception",
    "Operation",
    "checkpoint",
]
