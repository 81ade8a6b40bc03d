"""The checkpoints of lesson 00b-foundations/10 (fd.proof-habits) grade real submissions right.

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


ONE = "fd.proof-habits.one-counterexample"
MERSENNE = "fd.proof-habits.mersenne"
FRIENDLY = "fd.proof-habits.friendly-inputs"

TYPED = [
    Typed(ONE, "b", True),
    Typed(ONE, "(b)", True),
    Typed(ONE, "a = 1, b = 1 gives 4 on the left and 2 on the right, so the claim is false.", True),
    Typed(ONE, "a", False, "example-proves"),
    Typed(ONE, "c", False, "counterexample-not-enough"),
    Typed(ONE, "d", False, "majority-vote"),
    # Second reader: upper case, a trailing period.
    Typed(ONE, "B", True),
    Typed(ONE, "b.", True),
    Typed(MERSENNE, "2047", True),
    Typed(MERSENNE, "2047.0", True),
    Typed(MERSENNE, "2.047e3", True),
    Typed(MERSENNE, "15", False, "exponent-not-prime"),
    Typed(MERSENNE, "1", False, "p-equals-one"),
    Typed(MERSENNE, "11", False, "gave-p"),
    Typed(MERSENNE, "8191", False, None),
    # Second reader: a space or a thin space between thousands, more decimals, a plus sign.
    Typed(MERSENNE, "2 047", True),
    Typed(MERSENNE, "2\u2009047", True),
    Typed(MERSENNE, "2047.00", True),
    Typed(MERSENNE, "+2047", True),
    Typed(FRIENDLY, "b", True),
    Typed(FRIENDLY, " b ", True),
    Typed(
        FRIENDLY,
        "Add the awkward inputs the draws never produce: c = 0, negative c, and lists with ties.",
        True,
    ),
    Typed(FRIENDLY, "a", False, "cases-prove"),
    Typed(FRIENDLY, "c", False, "more-of-the-same"),
    # Second reader: in brackets, quoted.
    Typed(FRIENDLY, "(b)", True),
    Typed(FRIENDLY, "'b'", True),
]

CODE = [
    # The search run in the answer file, with a trial-division prime test of its own.
    Code(
        MERSENNE,
        "def prime(n):\n"
        "    if n < 2:\n"
        "        return False\n"
        "    d = 2\n"
        "    while d * d <= n:\n"
        "        if n % d == 0:\n"
        "            return False\n"
        "        d += 1\n"
        "    return True\n"
        "answer = next(2**p - 1 for p in range(2, 64) if prime(p) and not prime(2**p - 1))\n",
        True,
    ),
    # The factorisation typed as arithmetic: a plain int.
    Code(MERSENNE, "answer = 23 * 89\n", True),
    # Second reader: math.isqrt and a list comprehension, and NumPy's int64 power.
    Code(
        MERSENNE,
        "import math\n"
        "def prime(n):\n"
        "    return n > 1 and all(n % d for d in range(2, math.isqrt(n) + 1))\n"
        "answer = [2**p - 1 for p in range(40) if prime(p) and not prime(2**p - 1)][0]\n",
        True,
    ),
    Code(MERSENNE, "import numpy as np\nanswer = np.int64(2) ** 11 - 1\n", True),
    # The right p found, but p given instead of 2**p - 1.
    Code(
        MERSENNE,
        "answer = next(p for p in [2, 3, 5, 7, 11, 13] if (2**p - 1) % 23 == 0)\n",
        False,
        "gave-p",
    ),
    # Every exponent tried, prime or not.
    Code(
        MERSENNE,
        "def prime(n):\n"
        "    return n >= 2 and all(n % d for d in range(2, int(n**0.5) + 1))\n"
        "answer = next(2**p - 1 for p in range(2, 64) if not prime(2**p - 1))\n",
        False,
        "exponent-not-prime",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_file_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
