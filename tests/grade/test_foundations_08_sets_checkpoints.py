"""The checkpoints of lesson 00b-foundations/08 (fd.sets) grade real submissions right.

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


OPS = "fd.sets.predict-ops"
RECALL = "fd.sets.recall"
DISJOINT = "fd.sets.disjoint-ids"

TYPED = [
    # predict: the printed text, with the spacing people type.
    Typed(OPS, "6 2\n[1, 2, 3]", True),
    Typed(OPS, "6  2\n[1,2,3]\n", True),
    Typed(OPS, "\n6 2\r\n[1, 2, 3]\r\n", True),
    Typed(OPS, "8 2\n[1, 2, 3]", False, "union-size-as-sum"),
    Typed(OPS, "6 2\n[1, 2, 3, 6]", False, "difference-as-symmetric"),
    Typed(OPS, "6 2\n[6]", False, "difference-reversed"),
    Typed(OPS, "6 3\n[1, 2, 3]", False, None),
    # Second reader: a tab and spaces inside the brackets; sorted's list printed as a set.
    Typed(OPS, "6\t2\n[ 1, 2, 3 ]", True),
    Typed(OPS, "6 2\n{1, 2, 3}", False, "sorted-keeps-a-set"),
    Typed(OPS, "6, 2\n[1, 2, 3]", False, None),
    # numeric: 4 / 8.
    Typed(RECALL, "0.5", True),
    Typed(RECALL, ".5000", True),
    Typed(RECALL, "5e-1", True),
    Typed(RECALL, "0.8", False, "precision-instead"),
    Typed(RECALL, "0.444", False, "over-union"),
    Typed(RECALL, "0.267", False, "over-all-emails"),
    # Second reader: a fraction, a percentage; the count of true positives, a percent without %.
    Typed(RECALL, "4/8", True),
    Typed(RECALL, "50%", True),
    Typed(RECALL, "4", False, None),
    Typed(RECALL, "50", False, None),
    # choice: by letter or by text.
    Typed(DISJOINT, "c", True),
    Typed(DISJOINT, " C) ", True),
    Typed(
        DISJOINT,
        "Not necessarily: two different ids can hold identical rows. Compare the rows themselves "
        "(as tuples) between the two sets.",
        True,
    ),
    Typed(DISJOINT, "a", False, "ids-are-the-data"),
    Typed(DISJOINT, "b", False, "covering-is-disjointness"),
    Typed(DISJOINT, "d", False, "order-matters"),
    # Second reader: quoted, with a period, and the letter with its option's text pasted after it.
    Typed(DISJOINT, "'c'", True),
    Typed(DISJOINT, "c.", True),
    Typed(
        DISJOINT,
        "c) Not necessarily: two different ids can hold identical rows. Compare the rows "
        "themselves (as tuples) between the two sets.",
        True,
    ),
]

CODE = [
    # The answer computed in the file, as a fraction, with the sets written out.
    Code(
        RECALL,
        "from fractions import Fraction\n"
        "F = {3, 5, 8, 9, 12}\n"
        "S = {1, 3, 5, 9, 10, 12, 14, 15}\n"
        "answer = Fraction(len(F & S), len(S))\n",
        True,
    ),
    Code(
        RECALL,
        "F = {3, 5, 8, 9, 12}\nS = {1, 3, 5, 9, 10, 12, 14, 15}\nanswer = len(F & S) / len(F)\n",
        False,
        "precision-instead",
    ),
    # predict answered from code that prints the same text.
    Code(OPS, "answer = '6 2\\n[1, 2, 3]'\n", True),
    # Second reader: the prediction built with an f-string; recall in float32.
    Code(
        OPS,
        "A = {1, 2, 3, 4, 5}\nB = {4, 5, 6}\n"
        "answer = f'{len(A | B)} {len(A & B)}\\n{sorted(A - B)}'\n",
        True,
    ),
    Code(RECALL, "import numpy as np\nanswer = np.float32(4) / np.float32(8)\n", True),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_file_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
