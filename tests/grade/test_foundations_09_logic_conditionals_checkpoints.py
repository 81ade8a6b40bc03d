"""The checkpoints of lesson 00b-foundations/09 (fd.logic) grade real submissions right.

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
    body: str  # the whole file
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


IF = "fd.logic.contrapositive"
FIX = "fd.logic.fix-neither"

TYPED = [
    Typed(IF, "b", True),
    Typed(IF, "B.", True),
    Typed(IF, "If x <= 3, then x <= 5.", True),
    Typed(IF, "a", False, "converse"),
    Typed(IF, "c", False, "inverse"),
    Typed(IF, "d", False, "if-and-only-if"),
    # Second reader: a closing bracket, the text without its period, the letter with its text.
    Typed(IF, "b)", True),
    Typed(IF, "if x <= 3, then x <= 5", True),
    Typed(IF, "b) If x <= 3, then x <= 5.", True),
]

CODE = [
    # De Morgan: not (a or b).
    Code(FIX, "def neither(y, a, b):\n    return ~((y == a) | (y == b))\n", True),
    # A loop over the labels with Python's own and.
    Code(
        FIX,
        "import numpy as np\n"
        "def neither(y, a, b):\n"
        "    keep = np.zeros(len(y), dtype=bool)\n"
        "    for i, label in enumerate(y):\n"
        "        keep[i] = label != a and label != b\n"
        "    return keep\n",
        True,
    ),
    # NumPy's named functions.
    Code(
        FIX,
        "import numpy as np\n"
        "def neither(y, a, b):\n"
        "    return np.logical_and(np.not_equal(y, a), np.not_equal(y, b))\n",
        True,
    ),
    # Membership in the set of unwanted labels.
    Code(
        FIX,
        "import numpy as np\ndef neither(y, a, b):\n    return ~np.isin(y, [a, b])\n",
        True,
    ),
    # Second reader: a list of Python bools (NumPy takes it as a mask too), and a product that
    # is zero only where the label is a or b.
    Code(FIX, "def neither(y, a, b):\n    return [v != a and v != b for v in y]\n", True),
    Code(FIX, "def neither(y, a, b):\n    return (y - a) * (y - b) != 0\n", True),
    # The parentheses left out: `y != a & y != b` is a chained comparison around `a & y`.
    Code(FIX, "def neither(y, a, b):\n    return y != a & y != b\n", False, None, "ValueError"),
    # Python's `and` on whole columns.
    Code(
        FIX, "def neither(y, a, b):\n    return (y != a) and (y != b)\n", False, None, "ValueError"
    ),
    # The starter, untouched.
    Code(FIX, "def neither(y, a, b):\n    return (y != a) | (y != b)\n", False, "or-of-nots"),
    Code(
        FIX, "def neither(y, a, b):\n    return ~(y == a) | (y == b)\n", False, "negated-one-side"
    ),
    Code(FIX, "def neither(y, a, b):\n    return (y == a) | (y == b)\n", False, "either"),
    # The right labels kept, but as the labels themselves instead of a mask.
    Code(FIX, "def neither(y, a, b):\n    return y[(y != a) & (y != b)]\n", False, None),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
