"""The checkpoints of module 3, lesson 1 (prob.basics, 01-events-and-rules) grade real submissions
right: for each checkpoint, three unusual correct solutions and two plausible wrong ones
(docs/reviewing-a-lesson.md, section 4), each with the verdict it must get.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    """An answer typed into the form (numeric, choice and predict checkpoints)."""

    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""  # a phrase the feedback must contain


@dataclass(frozen=True)
class Code:
    """A function handed in as source code, run in the sandbox."""

    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


TYPED = [
    # prob.basics.wine-or: P(cultivar 2 or alcohol > 13) = 113/178 = 0.6348, to 3 decimals.
    Typed("prob.basics.wine-or", "0.635", True),
    Typed("prob.basics.wine-or", "0.63483146", True),
    Typed("prob.basics.wine-or", " 0.6348 ", True),
    Typed("prob.basics.wine-or", "0.787", False, "added-overlapping"),
    Typed("prob.basics.wine-or", "0.152", False, "and-instead-of-or"),
    Typed("prob.basics.wine-or", "0.63", False, None, "is not right"),
    # The second reader's submissions (docs/reviewing-a-lesson.md, section 4).
    Typed("prob.basics.wine-or", "6.35e-1", True),
    Typed("prob.basics.wine-or", "0.6349", True),
    Typed("prob.basics.wine-or", "113", False, "count-not-probability", "178"),
    Typed("prob.basics.wine-or", "0.528", False, None, "is not right"),  # cultivar 0, not 2
]

CODE = [
    # prob.basics.at-least-one: 1 - (1 - p) ** n.
    Code(
        "prob.basics.at-least-one",
        "def at_least_one(p, n):\n"
        "    none = 1.0\n"
        "    for _ in range(n):\n"
        "        none *= 1 - p          # every repeat misses\n"
        "    return 1 - none\n",
        True,
    ),
    Code(
        "prob.basics.at-least-one",
        "def at_least_one(p, n):\n"
        "    return np.float32(1) - (np.float32(1) - np.float32(p)) ** n\n",
        True,
    ),
    Code(
        "prob.basics.at-least-one",
        "import math\n"
        "def at_least_one(p, n):\n"
        "    # exactly k hits, summed over k = 1..n\n"
        "    return sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(1, n + 1))\n",
        True,
    ),
    Code(
        "prob.basics.at-least-one",
        "import math\ndef at_least_one(p, n):\n    return -math.expm1(n * math.log1p(-p))\n",
        True,
    ),
    Code(
        "prob.basics.at-least-one",
        "def at_least_one(p, n):\n    return min(1.0, n * p)\n",
        False,
        "added-then-capped",
    ),
    Code(
        "prob.basics.at-least-one",
        "def at_least_one(p, n):\n    return p * n\n",
        False,
        "added-probabilities",
    ),
    Code(
        "prob.basics.at-least-one",
        "def at_least_one(p, n):\n    return 1 - (1 - p) ** (n - 1)\n",
        False,
        None,
    ),
    # The second reader's submissions.
    Code(
        "prob.basics.at-least-one",
        "def at_least_one(p, n):\n"
        "    hit = 0.0\n"
        "    for _ in range(n):\n"
        "        hit = hit + (1 - hit) * p   # the first hit comes in this repeat\n"
        "    return hit\n",
        True,
    ),
    Code(
        "prob.basics.at-least-one",
        "def at_least_one(p, n):\n"
        "    miss = np.float32(1 - p)\n"
        "    return float(1 - miss**n)       # float32 arithmetic, returned as a float\n",
        True,
    ),
    Code(
        "prob.basics.at-least-one",
        "from math import comb\n"
        "def at_least_one(p, n):\n"
        "    # inclusion-exclusion over the n repeats\n"
        "    return sum((-1) ** (k + 1) * comb(n, k) * p**k for k in range(1, n + 1))\n",
        True,
    ),
    Code(
        "prob.basics.at-least-one",
        "from fractions import Fraction\n"
        "def at_least_one(p, n):\n"
        "    return float(1 - (1 - Fraction(p)) ** n)\n",
        True,
    ),
    Code(
        "prob.basics.at-least-one",
        "from math import comb\n"
        "def at_least_one(p, n):\n"
        "    return n * p - comb(n, 2) * p**2   # subtracts the overlaps of pairs only\n",
        False,
        None,
        "(0.16666666666666666, 7)",
    ),
    Code(
        "prob.basics.at-least-one",
        "def at_least_one(p, n):\n    return p**n\n",
        False,
        None,
        "got 0.0277778",
    ),
]


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
