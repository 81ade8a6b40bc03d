"""The checkpoints of module 3, lesson 3 (prob.expectation, 03-expectation-variance) grade
real submissions right: for each checkpoint, three unusual correct solutions and two plausible
wrong ones (docs/reviewing-a-lesson.md, section 4), each with the verdict it must get.
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
    # prob.variance.sum-of-dice: sqrt(4 * 35/12) = 3.4157, to 2 decimals.
    Typed("prob.variance.sum-of-dice", "3.42", True),
    Typed("prob.variance.sum-of-dice", "3.4157", True),
    Typed("prob.variance.sum-of-dice", "3.415650255", True),
    Typed("prob.variance.sum-of-dice", "6.83", False, "added-standard-deviations"),
    Typed("prob.variance.sum-of-dice", "11.67", False, "variance-not-std"),
    Typed("prob.variance.sum-of-dice", "1.71", False, "one-die"),
    Typed("prob.variance.sum-of-dice", "2.42", False, None, "is not right"),
    # prob.expectation.tiny-sample: c) 3.5.
    Typed("prob.expectation.tiny-sample", "c", True),
    Typed("prob.expectation.tiny-sample", "C)", True),
    Typed("prob.expectation.tiny-sample", "3.5", True),
    Typed("prob.expectation.tiny-sample", "a", False, "sample-mean-is-expectation"),
    Typed("prob.expectation.tiny-sample", "b", False, "large-sample-is-expectation"),
    Typed("prob.expectation.tiny-sample", "d", False, "averaged-the-averages"),
]

_VAR = "prob.variance.implement"

CODE = [
    # prob.variance.implement: sum of (x - mu)^2 p(x).
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    mu = 0.0\n"
        "    for x, p in zip(values, probs):\n"
        "        mu += x * p\n"
        "    total = 0.0\n"
        "    for x, p in zip(values, probs):\n"
        "        total += (x - mu) ** 2 * p\n"
        "    return total\n",
        True,
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    mu = np.sum(values * probs)\n"
        "    return np.sum(values**2 * probs) - mu**2     # E[X^2] - mu^2\n",
        True,
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    x, p = values.astype(np.float32), probs.astype(np.float32)\n"
        "    mu = np.sum(x * p)\n"
        "    return np.sum((x - mu) ** 2 * p)\n",
        True,
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    mu = np.average(values, weights=probs)\n"
        "    return np.average((values - mu) ** 2, weights=probs)\n",
        True,
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n    return np.var(values)\n",
        False,
        "ignored-probabilities",
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n    return float(np.cov(values, aweights=probs, ddof=0))\n",
        False,
        None,
        "uses `np.cov`: a ready-made variance",
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    mu = np.sum(values * probs)\n"
        "    return np.sum((values - mu) * probs)\n",
        False,
        "no-square",
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    mu = np.sum(values * probs)\n"
        "    return np.sum((values - mu) ** 2 * probs) / (len(values) - 1)\n",
        False,
        None,
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
