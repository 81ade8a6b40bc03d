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
    # The review's submissions (docs/reviewing-a-lesson.md, section 4).
    Code(CE, 'def cross_entropy(p, q):\n    return np.einsum("i,i->", p, -np.log(q))\n', True),
    # The log of the product of q_i ** p_i.
    Code(CE, "def cross_entropy(p, q):\n    return -np.log(np.prod(q ** p))\n", True),
    # float32 arithmetic returned as a Python float: off by up to 2e-7 relative on some seeds,
    # beyond the default rtol of 1e-7 before the review.
    Code(
        CE,
        "def cross_entropy(p, q):\n"
        "    p32, q32 = p.astype(np.float32), q.astype(np.float32)\n"
        "    return float(-np.sum(p32 * np.log(q32)))\n",
        True,
    ),
    # math.fsum over the surprise log(1 / q_i).
    Code(
        CE,
        "import math\n"
        "def cross_entropy(p, q):\n"
        "    return math.fsum(pi * math.log(1 / qi) for pi, qi in zip(p.tolist(), q.tolist()))\n",
        True,
    ),
    # Binary cross-entropy summed over the classes: no named mistake, a true description.
    Code(
        CE,
        "def cross_entropy(p, q):\n    return -np.sum(p * np.log(q) + (1 - p) * np.log(1 - q))\n",
        False,
        None,
        "On the input",
    ),
    # Only right for one-hot targets: fails on the soft ones.
    Code(
        CE,
        "def cross_entropy(p, q):\n    return -np.log(q[np.argmax(p)])\n",
        False,
        None,
        "On the input",
    ),
    Code(
        CE,
        "def cross_entropy(p, q):\n    return -np.mean(p * np.log(q))\n",
        False,
        "mean-not-sum",
    ),
]

# Answers set in a file, as `mlpath check` reads them.
FILES = [
    Code(
        "prob.entropy.kl-bits",
        "from scipy.stats import entropy\n"
        "answer = entropy([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], base=2)\n",
        True,
    ),
    Code(
        "prob.entropy.kl-bits",
        "import math\n"
        "p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]\n"
        "answer = sum(a * math.log(a / b) for a, b in zip(p, q)) / math.log(2)\n",
        True,
    ),
    Code(
        "prob.entropy.kl-bits",
        "p, q = np.array([0.5, 0.3, 0.2]), np.array([0.2, 0.5, 0.3])\n"
        "answer = np.sum(p * np.log2(1 / q)) - np.sum(p * np.log2(1 / p))\n",
        True,
    ),
    # Swapped and in nats: no named mistake.
    Code(
        "prob.entropy.kl-bits",
        "p, q = np.array([0.5, 0.3, 0.2]), np.array([0.2, 0.5, 0.3])\n"
        "answer = np.sum(q * np.log(q / p))\n",
        False,
        None,
        "is not right",
    ),
    # The entropy H(p) in bits: no named mistake.
    Code(
        "prob.entropy.kl-bits",
        "p = np.array([0.5, 0.3, 0.2])\nanswer = -np.sum(p * np.log2(p))\n",
        False,
        None,
        "is not right",
    ),
    Code("prob.entropy.first-loss", "answer = 'a'\n", True),
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
    Typed("prob.entropy.kl-bits", "0.3229", True),
    Typed("prob.entropy.first-loss", " a. ", True),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE + FILES, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
