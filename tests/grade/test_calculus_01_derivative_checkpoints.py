"""The checkpoints of lesson 05-calculus/01 (calc.derivative) grade real submissions right.

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


CENTRAL = "calc.derivative.central-difference"
LOSS = "A = 212 / 569\ndef loss(p):\n    return -(A * np.log(p) + (1 - A) * np.log(1 - p))\n"

CODE = [
    # Everything in float32: the constant, the inputs, the logs and the quotient.
    Code(
        CENTRAL,
        "A = np.float32(212 / 569)\n"
        "def loss(p):\n"
        "    return -(A * np.log(p) + (np.float32(1) - A) * np.log(np.float32(1) - p))\n"
        "def central_difference(p, h):\n"
        "    p, h = np.float32(p), np.float32(h)\n"
        "    return (loss(p + h) - loss(p - h)) / (np.float32(2) * h)\n",
        True,
    ),
    # Scalar math.log, the loss written from the counts, and a Python float back.
    Code(
        CENTRAL,
        "import math\n"
        "def central_difference(p, h):\n"
        "    def L(q):\n"
        "        return -(212 * math.log(q) + 357 * math.log(1 - q)) / 569\n"
        "    return (L(p + h) - L(p - h)) / (2 * h)\n",
        True,
    ),
    # The average of the forward and the backward difference, from one vectorised call.
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n"
        "    left, mid, right = loss(np.array([p - h, p, p + h]))\n"
        "    return ((right - mid) / h + (mid - left) / h) / 2\n",
        True,
    ),
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n    return (loss(p + h) - loss(p)) / h\n",
        False,
        "forward-difference",
    ),
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n    return (loss(p) - loss(p - h)) / h\n",
        False,
        "backward-difference",
    ),
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n    return (loss(p + h) - loss(p - h)) / 2 * h\n",
        False,
        "precedence",
    ),
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n    return (loss(p - h) - loss(p + h)) / (2 * h)\n",
        False,
        "swapped-order",
    ),
    # The exact slope is not the estimate the checkpoint asks for: with h = 0.1 they differ.
    Code(
        CENTRAL,
        "def central_difference(p, h):\n    return -(212 / 569) / p + (357 / 569) / (1 - p)\n",
        False,
        None,
        "expected",
    ),
]

# The reviewer's submissions (docs/reviewing-a-lesson.md, section 4).
REVIEW_CODE = [
    # NumPy's np.gradient on three points: its interior value is the central difference.
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n"
        "    return np.gradient(loss(np.array([p - h, p, p + h])), h)[1]\n",
        True,
    ),
    # The slope at p of the parabola through the three points is the central difference too.
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n"
        "    ps = np.array([p - h, p, p + h])\n"
        "    return np.polyval(np.polyder(np.polyfit(ps, loss(ps), 2)), p)\n",
        True,
    ),
    # The two log differences written as logs of ratios, in a lambda.
    Code(
        CENTRAL,
        "import math\n"
        "a = 212 / 569\n"
        "central_difference = lambda p, h: -(a * math.log((p + h) / (p - h))\n"
        "    + (1 - a) * math.log((1 - p - h) / (1 - p + h))) / (2 * h)\n",
        True,
    ),
    # Forward plus backward difference, not halved: the same as dividing by h.
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n"
        "    return (loss(p + h) - loss(p)) / h + (loss(p) - loss(p - h)) / h\n",
        False,
        "divided-by-h",
        "2 times the expected one",
    ),
    # Only the second loss divided: no named mistake, the smallest failing case is shown.
    Code(
        CENTRAL,
        LOSS + "def central_difference(p, h):\n    return loss(p + h) - loss(p - h) / (2 * h)\n",
        False,
        None,
        "expected -1.25823",
    ),
]

STEP = "calc.derivative.float32-step"

TYPED = [
    Typed(STEP, "b", True),
    Typed(STEP, "B)", True),
    Typed(STEP, "h = 1e-3", True),
    Typed(STEP, "c", False, "float64-step"),
    Typed(STEP, "d", False, "smallest-step"),
    Typed(STEP, "a", False, "step-too-large"),
    # The reviewer's: spacing and case around the letter; the options' text.
    Typed(STEP, "  b  ", True),
    Typed(STEP, "B", True),
    Typed(STEP, "h = 1e-6", False, "float64-step"),
    Typed(STEP, "D", False, "smallest-step"),
    # A value that is not an option's text gets a request for a letter, not a verdict.
    Typed(STEP, "1e-3", False, None, "one of the options' letters"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE + REVIEW_CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
