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
    # prob.variance.sum-of-dice: sqrt(3 * 35/12) = 2.9580, to 2 decimals. (Three dice, not four:
    # the standard deviation of four dice, 2 x 1.7078 = 3.416, is printed in the lesson.)
    Typed("prob.variance.sum-of-dice", "2.96", True),
    Typed("prob.variance.sum-of-dice", "2.958", True),
    Typed("prob.variance.sum-of-dice", "2.95803989", True),
    Typed("prob.variance.sum-of-dice", "5.12", False, "added-standard-deviations"),
    Typed("prob.variance.sum-of-dice", "8.75", False, "variance-not-std"),
    Typed("prob.variance.sum-of-dice", "1.71", False, "one-die"),
    Typed("prob.variance.sum-of-dice", "2.42", False, None, "is not right"),  # two dice
    Typed("prob.variance.sum-of-dice", "3.416", False, None, "is not right"),  # four dice
    # prob.expectation.tiny-sample: c) 3.5.
    Typed("prob.expectation.tiny-sample", "c", True),
    Typed("prob.expectation.tiny-sample", "C)", True),
    Typed("prob.expectation.tiny-sample", "3.5", True),
    Typed("prob.expectation.tiny-sample", "a", False, "sample-mean-is-expectation"),
    Typed("prob.expectation.tiny-sample", "b", False, "large-sample-is-expectation"),
    Typed("prob.expectation.tiny-sample", "d", False, "averaged-the-averages"),
    # The second reader's submissions (docs/reviewing-a-lesson.md, section 4).
    Typed("prob.expectation.tiny-sample", "c.", True),
    Typed("prob.expectation.tiny-sample", " C ", True),
    Typed("prob.expectation.tiny-sample", "B)", False, "large-sample-is-expectation"),
    Typed("prob.expectation.tiny-sample", "e", False, None, "Answer with one of the options"),
]

ANSWER_FILES = [
    # Answers computed in a file, as `mlpath check ID FILE.py` grades them.
    Code(
        "prob.variance.sum-of-dice",
        "import itertools, math\n"
        "totals = [sum(t) for t in itertools.product(range(1, 7), repeat=3)]   # all 216\n"
        "m = sum(totals) / len(totals)\n"
        "answer = math.sqrt(sum((t - m) ** 2 for t in totals) / len(totals))\n",
        True,
    ),
    Code("prob.variance.sum-of-dice", "answer = (3 * 35 / 12) ** 0.5\n", True),
    Code(
        "prob.variance.sum-of-dice",
        "answer = 3 * 1.7078   # three standard deviations added\n",
        False,
        "added-standard-deviations",
    ),
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
    # The second reader's submissions.
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    mu = np.sum(values * probs)\n"
        "    var = np.sum((values - mu) ** 2 * probs)   # the lesson's own names: not forbidden\n"
        "    std = np.sqrt(var)\n"
        "    return std**2\n",
        True,
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    # half the expected squared gap between two independent draws\n"
        "    total = 0.0\n"
        "    for x, px in zip(values, probs):\n"
        "        for z, pz in zip(values, probs):\n"
        "            total += px * pz * (x - z) ** 2\n"
        "    return total / 2\n",
        True,
    ),
    Code(
        _VAR,
        "import math\n"
        "def variance(values, probs):\n"
        "    mu = math.fsum(x * p for x, p in zip(values, probs))\n"
        "    return math.fsum((x - mu) ** 2 * p for x, p in zip(values, probs))\n",
        True,
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    x, p = values.astype(np.float32), probs.astype(np.float32)\n"
        "    mu = np.sum(x * p)\n"
        "    return float(np.sum((x - mu) ** 2 * p))   # float32 arithmetic, returned as a float\n",
        True,
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n    d = values - values @ probs\n    return d**2 @ probs\n",
        True,
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    mu = np.sum(values * probs)\n"
        "    return np.sum((values - mu) ** 2 * probs) ** 0.5\n",
        False,
        "standard-deviation",
        "leave out the square root",
    ),
    Code(
        _VAR,
        "def variance(values, probs):\n"
        "    mu = np.sum(values * probs)\n"
        "    return mu**2 - np.sum(values**2 * probs)   # E[X]^2 - E[X^2], the wrong way round\n",
        False,
        None,
        "opposite sign",
    ),
    Code(
        _VAR,
        "import statistics\n"
        "def variance(values, probs):\n"
        "    return statistics.pvariance(values)\n",
        False,
        "ignored-probabilities",
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


@pytest.mark.parametrize("row", ANSWER_FILES, ids=_id)
def test_an_answer_file_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
