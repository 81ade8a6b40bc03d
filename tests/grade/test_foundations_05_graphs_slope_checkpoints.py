"""The checkpoints of lesson 00b-foundations/05 (fd.graphs) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""


@dataclass(frozen=True)
class Code:
    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


SLOPE = "fd.graphs.slope"
LOG_AXIS = "fd.graphs.log-axis"

TYPED = [
    Typed(SLOPE, "-1.5", True),
    Typed(SLOPE, "\u22121.50", True),  # typographic minus, more digits
    Typed(SLOPE, "-1.5000001", True),
    Typed(SLOPE, "-3/2", True),
    Typed(SLOPE, "1.5", False, "sign-flipped"),
    Typed(SLOPE, "-0.67", False, "run-over-rise"),
    Typed(SLOPE, "-6", False, "rise-only"),
    Typed(SLOPE, "-1", False, None),
    Typed(SLOPE, "6/-4", True),  # both differences in the other order, typed as a fraction
    Typed(SLOPE, "-1.5e0", True),
    Typed(LOG_AXIS, "0.0316", True),
    Typed(LOG_AXIS, "0.031622776601683794", True),  # what 10 ** -1.5 prints
    Typed(LOG_AXIS, "3.162e-2", True),
    Typed(LOG_AXIS, "0.03162", True),
    Typed(LOG_AXIS, "0.055", False, "linear-average"),
    Typed(LOG_AXIS, "0.05", False, "five-is-halfway"),
    Typed(LOG_AXIS, "0.02", False, None),
    Typed(LOG_AXIS, "0.03", False, None),  # not to the 4 decimal places asked for
]

CODE = [
    # Computed, not typed: the slope from the two points.
    Code(SLOPE, "(x1, y1), (x2, y2) = (2, 7), (6, 1)\nanswer = (y2 - y1) / (x2 - x1)\n", True),
    # Swapping both differences gives the same slope.
    Code(SLOPE, "answer = (7 - 1) / (2 - 6)\n", True),
    # A float32 result.
    Code(SLOPE, "answer = np.float32(-6) / np.float32(4)\n", True),
    Code(SLOPE, "answer = (1 - 7) / (2 - 6)\n", False, "sign-flipped"),
    Code(SLOPE, "answer = (6 - 2) / (1 - 7)\n", False, "run-over-rise"),
    # Another valid API: fit a line through the two points.
    Code(SLOPE, "answer = np.polyfit([2, 6], [7, 1], 1)[0]\n", True),
    Code(SLOPE, "from fractions import Fraction\nanswer = Fraction(1 - 7, 6 - 2)\n", True),
    Code(SLOPE, "answer = 1 - 7\n", False, "rise-only"),
    # The halfway point computed with logs, as a number (a choice would have refused it).
    Code(
        LOG_AXIS,
        "import math\nanswer = 10 ** ((math.log10(0.01) + math.log10(0.1)) / 2)\n",
        True,
    ),
    Code(LOG_AXIS, "answer = np.sqrt(np.float32(0.01) * np.float32(0.1))\n", True),
    Code(LOG_AXIS, "answer = np.logspace(-2, -1, 3)[1]\n", True),
    Code(LOG_AXIS, "answer = (0.01 + 0.1) / 2\n", False, "linear-average"),
    Code(LOG_AXIS, "answer = 5 * 0.01\n", False, "five-is-halfway"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_answer_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
