"""The checkpoints of lesson 00b-foundations/06 (fd.summation) grade real submissions right.

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


EVALUATE = "fd.summation.evaluate"
CAUSAL = "fd.summation.causal-sum"

TYPED = [
    Typed(EVALUATE, "24", True),
    Typed(EVALUATE, "24.0", True),
    Typed(EVALUATE, " 24 ", True),
    Typed(EVALUATE, "15", False, "upper-bound-excluded"),
    Typed(EVALUATE, "25", False, "started-at-one"),
    Typed(EVALUATE, "27", False, "constant-once"),
    Typed(EVALUATE, "28", False, None),
    Typed(EVALUATE, "2.4e1", True),
    Typed(EVALUATE, "48/2", True),  # the sum of the first and last term times 4, halved
    Typed(EVALUATE, "+24", True),
]

CODE = [
    Code(EVALUATE, "answer = sum(2 * k - 1 for k in range(2, 6))\n", True),
    Code(EVALUATE, "answer = np.sum(2 * np.arange(2, 6) - 1)\n", True),
    Code(EVALUATE, "answer = np.float32(3 + 5 + 7 + 9)\n", True),
    Code(EVALUATE, "answer = sum(2 * k - 1 for k in range(2, 5))\n", False, "upper-bound-excluded"),
    Code(EVALUATE, "import math\nanswer = math.fsum(2 * k - 1 for k in [2, 3, 4, 5])\n", True),
    Code(EVALUATE, "answer = np.int64(24)\n", True),
    Code(EVALUATE, "answer = 2 * sum(range(2, 6)) - 1\n", False, "constant-once"),
    Code(EVALUATE, "answer = sum(2 * k - 1 for k in range(1, 6))\n", False, "started-at-one"),
    # The 1-based formula kept as it is, shifted by one when indexing.
    Code(
        CAUSAL,
        "def causal_sum(A):\n"
        "    n, t = len(A), 0\n"
        "    for i in range(1, n + 1):\n"
        "        for j in range(1, i + 1):\n"
        "            t += A[i - 1][j - 1]\n"
        "    return t\n",
        True,
    ),
    Code(CAUSAL, "def causal_sum(A):\n    return A[np.tril_indices(len(A))].sum()\n", True),
    Code(
        CAUSAL,
        "def causal_sum(A):\n    return float(np.einsum('ij,ij->', A, np.tri(len(A))))\n",
        True,
    ),
    # A mask on the row and column numbers, summed in float32.
    Code(
        CAUSAL,
        "def causal_sum(A):\n"
        "    i, j = np.indices(A.shape)\n"
        "    return A[j <= i].astype(np.float32).sum()\n",
        True,
    ),
    Code(
        CAUSAL,
        "def causal_sum(A):\n    return np.tril(A, -1).sum()\n",
        False,
        "inner-bound-off-by-one",
    ),
    # 0-based loops, as the hint writes them.
    Code(
        CAUSAL,
        "def causal_sum(A):\n"
        "    total = 0.0\n"
        "    for i in range(len(A)):\n"
        "        for j in range(i + 1):\n"
        "            total += A[i, j]\n"
        "    return total\n",
        True,
    ),
    # Another valid API: the lower triangle, then its sum.
    Code(CAUSAL, "def causal_sum(A):\n    return np.tril(A).sum()\n", True),
    # Row slices, in float32, returning a NumPy scalar.
    Code(
        CAUSAL,
        "def causal_sum(A):\n"
        "    A = A.astype(np.float32)\n"
        "    return sum(A[i, : i + 1].sum() for i in range(A.shape[0]))\n",
        True,
    ),
    # Column by column: column j holds rows j..n.
    Code(
        CAUSAL,
        "def causal_sum(A):\n"
        "    n = len(A)\n"
        "    return float(sum(A[i][j] for j in range(n) for i in range(j, n)))\n",
        True,
    ),
    Code(
        CAUSAL,
        "def causal_sum(A):\n"
        "    total = 0\n"
        "    for i in range(len(A)):\n"
        "        for j in range(i):\n"
        "            total += A[i][j]\n"
        "    return total\n",
        False,
        "inner-bound-off-by-one",
    ),
    Code(CAUSAL, "def causal_sum(A):\n    return A.sum()\n", False, "ignored-inner-bound"),
    Code(CAUSAL, "def causal_sum(A):\n    return np.triu(A).sum()\n", False, "upper-triangle"),
    # The 1-based formula copied into Python's 0-based indices: rows and columns shifted.
    Code(
        CAUSAL,
        "def causal_sum(A):\n"
        "    n = len(A)\n"
        "    return sum(A[i][j] for i in range(1, n) for j in range(1, i + 1))\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_answer_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
