"""The checkpoints of "Exponentials and logarithms" (00b-foundations lesson 04) grade real
submissions right: unusual correct ones pass and plausible wrong ones fail naming the mistake
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checkpoints.
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
    return f"{row.checkpoint}|{text[:40]!r}|{verdict}"


LOGS = "fd.exp-log.logs-to-probability"
FIX = "fd.exp-log.fix-log-likelihood"

TYPED = [
    # exp(-0.5 - 1.2 - 0.3) = exp(-2) = 0.1353...
    Typed(LOGS, "0.135", True),
    Typed(LOGS, "0.13534", True),
    Typed(LOGS, ".1353", True),
    Typed(LOGS, "13.5%", True),
    Typed(LOGS, "-2", False, "forgot-exp"),
    Typed(LOGS, "\u22120.18", False, "multiplied-logs"),
    Typed(LOGS, "1.649", False, "exp-then-added"),
    Typed(LOGS, "0.01", False, "base-ten"),
    Typed(LOGS, "0.14", False, None, "not right"),
    # The second reader's submissions (docs/reviewing-a-lesson.md, section 4).
    Typed(LOGS, "0.1353352832", True),
    Typed(LOGS, "1.353e-1", True),
    Typed(LOGS, "13.53 %", True),
    Typed(LOGS, "\u22122.0", False, "forgot-exp"),
    Typed(LOGS, "0.0100", False, "base-ten"),
    Typed(LOGS, "exp(-2)", False, None, "single number"),
]

CODE = [
    # A loop with math.log.
    Code(
        FIX,
        "import math\n"
        "def log_likelihood(p):\n"
        "    total = 0.0\n"
        "    for q in p:\n"
        "        total += math.log(q)\n"
        "    return total\n",
        True,
    ),
    # An exactly rounded sum of a generator.
    Code(
        FIX,
        "import math\ndef log_likelihood(p):\n    return math.fsum(math.log(q) for q in p)\n",
        True,
    ),
    # float32 throughout, the method spelling.
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.log(p.astype(np.float32)).sum()\n",
        True,
    ),
    # Base-2 logs converted to natural logs: log2(x) ln 2 = ln x.
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.sum(np.log2(p)) * np.log(2)\n",
        True,
    ),
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.log(np.prod(p))\n",
        False,
        "product-underflows",
    ),
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.log(p.sum())\n",
        False,
        "log-of-sum",
    ),
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.sum(np.log10(p))\n",
        False,
        "base-ten",
    ),
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.log(p).mean()\n",
        False,
        "mean-not-sum",
    ),
    Code(
        FIX,
        "def log_likelihood(p):\n    return -np.sum(np.log(p))\n",
        False,
        "negated",
    ),
    # The second reader's submissions: longdouble, whose range holds the product.
    Code(
        FIX,
        "def log_likelihood(p):\n    return float(np.log(np.prod(p.astype(np.longdouble))))\n",
        True,
    ),
    # A ufunc reduction, and a sum over a map.
    Code(FIX, "def log_likelihood(p):\n    return np.add.reduce(np.log(p))\n", True),
    Code(
        FIX,
        "import math\ndef log_likelihood(p):\n    return sum(map(math.log, p.tolist()))\n",
        True,
    ),
    # The log of the product of chunks of 100, added: each chunk's product stays above 0.
    Code(
        FIX,
        "def log_likelihood(p):\n"
        "    total = 0.0\n"
        "    for chunk in np.array_split(p, max(1, len(p) // 100)):\n"
        "        total += np.log(np.prod(chunk))\n"
        "    return total\n",
        True,
    ),
    # Scaling every probability by 10 only postpones the underflow to overflow or 0.
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.log(np.prod(p * 10)) - len(p) * np.log(10)\n",
        False,
        None,
        "finite",
    ),
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.sum(np.log(p)) / len(p)\n",
        False,
        "mean-not-sum",
    ),
    # The log of each probability's complement: no named mistake.
    Code(
        FIX,
        "def log_likelihood(p):\n    return np.sum(np.log(1 - p))\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
    assert row.says in feedback.message, feedback.message


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
    assert row.says in feedback.message, feedback.message
