from __future__ import annotations

from collections.abc import Iterator

import pytest

from mlpath.grade.grader import Grader
from mlpath.grade.loader import load_checkpoints


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    """A warm grader over the shipped checkpoints, graded as shipped: a verdict must not depend
    on how busy the machine is."""
    with Grader(load_checkpoints()) as shared:
        yield shared
