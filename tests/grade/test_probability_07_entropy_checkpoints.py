"""The checkpoints of lesson 03-probability/07 (prob.entropy) grade real submissions right.

For each checkpoint, three unusual correct submissions and at least two plausible wrong ones
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
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


CE = "prob.entropy.cross-entropy"

CODE = [
    # A loop with math.log that skips the zero entries of p.
    Code(
        CE,
        "import math\n"
        "def cross_entropy(p, q):\n"
        "    total = 0.0\n"
        "    for pi, qi in zip(p, q):\n"
        "        if pi > 0:\n"
        "            total -= pi * math.log(qi)\n"
        "    return total\n",
        True,
    ),
    # float32, as a dot product.
    Code(
        CE,
        "def cross_entropy(p, q):\n"
        "    return -(p.astype(np.float32) @ np.log(q.astype(np.float32)))\n",
        True,
    ),
    # SciPy's xlogy (x * log y, with 0 * log 0 = 0), summed by hand.
    Code(
        CE,
        "from scipy.special import xlogy\n"
        "def cross_entropy(p, q):\n"
        "    return -xlogy(p, q).sum()\n",
        True,
    ),
    Code(
        CE,
        "def cross_entropy(p, q):\n    return -np.sum(q * np.log(p))\n",
        False,
        "swapped-arguments",
    ),
    Code(
        CE,
        "def cross_entropy(p, q):\n    return -np.sum(p * np.log2(q))\n",
        False,
        "log2-not-ln",
    ),
    Code(
        CE,
        "def cross_entropy(p, q):\n    return np.sum(p * np.log(q))\n",
        False,
        "missing-minus",
    ),
    # The KL divergence instead (equal on one-hot targets, not on soft ones): no named mistake.
    Code(
        CE,
        "def cross_entropy(p, q):\n"
        "    mask = p > 0\n"
        "    return np.sum(p[mask] * np.log(p[mask] / q[mask]))\n",
        False,
        None,
        "On the input",
    ),
    # The right number from a library loss is refused, and the feedback says why.
    Code(
        CE,
        "from scipy.stats import entropy\n"
        "def cross_entropy(p, q):\n"
        "    return entropy(p) + entropy(p, q)\n",
        False,
        None,
        "a library's cross-entropy",
    ),
]

TYPED = [
    Typed("prob.entropy.kl-bits", "0.323", True),
    Typed("prob.entropy.kl-bits", "0.32288187", True),
    Typed("prob.entropy.kl-bits", " 3.229e-1", True),
    Typed("prob.entropy.kl-bits", "0.224", False, "nats-not-bits"),
    Typed("prob.entropy.kl-bits", "0.280", False, "swapped-arguments"),
    Typed("prob.entropy.kl-bits", "1.808", False, "cross-entropy-not-kl"),
    Typed("prob.entropy.kl-bits", "\u22120.323", False, None, "is not right"),
    Typed("prob.entropy.first-loss", "a", True),
    Typed("prob.entropy.first-loss", "A)", True),
    Typed(
        "prob.entropy.first-loss",
        "the loss is in bits (log2): in nats it is ln 10 = 2.30, as expected before training",
        True,
    ),
    Typed("prob.entropy.first-loss", "d", False, "thought-3.32-is-ln-10"),
    Typed("prob.entropy.first-loss", "b", False, "confidently-wrong"),
    Typed("prob.entropy.first-loss", "c", False, None, "not right"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
