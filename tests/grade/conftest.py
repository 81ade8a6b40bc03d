from __future__ import annotations

from collections.abc import Iterator

import pytest

from mlpath.grade.grader import Grader
from mlpath.grade.loader import load_checkpoints


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    """A warm grader over the shipped checkpoints, with short time limits for hostile code."""
    checkpoints = load_checkpoints()
    for checkpoint in checkpoints.values():
        checkpoint.timeout = 1.5
    with Grader(checkpoints, load_allowance=0.0) as shared:
        yield shared
