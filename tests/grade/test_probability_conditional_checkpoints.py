"""The checkpoints of module 3, lesson 4 (prob.conditional, 04-conditional-independence)
grade real submissions right: for each checkpoint, three unusual correct solutions and two
plausible wrong ones (docs/reviewing-a-lesson.md, section 4), each with the verdict it must get.
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
    # prob.conditional.texture: P(malignant | mean texture > median) = 0.5845, to 2 decimals.
    Typed("prob.conditional.texture", "0.58", True),
    Typed("prob.conditional.texture", "0.5845070", True),
    Typed("prob.conditional.texture", "0.5825", True),  # with >= the median: still 0.58
    Typed("prob.conditional.texture", "0.78", False, "reversed"),
    Typed("prob.conditional.texture", "0.42", False, "benign-as-malignant"),
    Typed("prob.conditional.texture", "0.29", False, "joint"),
    Typed("prob.conditional.texture", "0.37", False, "ignored-condition"),
    Typed("prob.conditional.texture", "0.6", False, None, "is not right"),
    # prob.independence.spam-words: a) independent.
    Typed("prob.independence.spam-words", "a", True),
    Typed("prob.independence.spam-words", "A)", True),
    Typed("prob.independence.spam-words", "'spam' and 'contains meeting' are independent", True),
    Typed("prob.independence.spam-words", "b", False, "independent-means-disjoint"),
    Typed("prob.independence.spam-words", "c", False, "reversed"),
    Typed("prob.independence.spam-words", "d", False, None, "which is not right"),
    # The second reader's submissions (docs/reviewing-a-lesson.md, section 4).
    Typed("prob.conditional.texture", "0.585", True),
    Typed("prob.conditional.texture", "0.687", False, None, "is not right"),  # column 0, radius
    Typed("prob.independence.spam-words", "a.", True),
    Typed("prob.independence.spam-words", " A ", True),
    Typed("prob.independence.spam-words", "B", False, "independent-means-disjoint"),
    Typed("prob.independence.spam-words", "c)", False, "reversed"),
]

ANSWER_FILES = [
    # Answers computed in a file, as `mlpath check ID FILE.py` grades them.
    Code(
        "prob.conditional.texture",
        "from sklearn.datasets import load_breast_cancer\n"
        "X, y = load_breast_cancer(return_X_y=True)\n"
        "t = X[:, 1]\n"
        "B = t > np.sort(t)[len(t) // 2]        # the lesson's median\n"
        "M = y == 0\n"
        "answer = M[B].sum() / B.sum()\n",
        True,
    ),
    Code(
        "prob.conditional.texture",
        "from sklearn.datasets import load_breast_cancer\n"
        "data = load_breast_cancer()\n"
        "B = data.data[:, 1] > np.median(data.data[:, 1])\n"
        "M = data.target == 0\n"
        "answer = (np.sum(M & B) / 569) / (np.sum(B) / 569)   # P(M and B) / P(B)\n",
        True,
    ),
    Code(
        "prob.conditional.texture",
        "from sklearn.datasets import load_breast_cancer\n"
        "data = load_breast_cancer()\n"
        "t = data.data[:, 1]\n"
        "B = t > np.sum(t) / len(t)            # split at the average, not the median\n"
        "M = data.target == 0\n"
        "answer = np.sum(M & B) / np.sum(B)\n",
        False,
        None,
        "0.6084 is not right",
    ),
]

_COND = "prob.conditional.implement"

CODE = [
    # prob.conditional.implement: np.sum(a & b) / np.sum(b).
    Code(
        _COND, "def conditional(a, b):\n    return np.mean(a[b])      # A among the B cases\n", True
    ),
    Code(
        _COND,
        "def conditional(a, b):\n"
        "    both = given = 0\n"
        "    for x, z in zip(a, b):\n"
        "        if z:\n"
        "            given += 1\n"
        "            both += bool(x)\n"
        "    return both / given\n",
        True,
    ),
    Code(
        _COND,
        "def conditional(a, b):\n"
        "    return np.float32(np.count_nonzero(a & b)) / np.float32(np.count_nonzero(b))\n",
        True,
    ),
    Code(
        _COND,
        "def conditional(a, b):\n"
        "    p_b = np.sum(b) / len(b)\n"
        "    p_ab = np.sum(np.logical_and(a, b)) / len(a)\n"
        "    return p_ab / p_b\n",
        True,
    ),
    Code(_COND, "def conditional(a, b):\n    return np.mean(b[a])\n", False, "reversed"),
    Code(
        _COND,
        "def conditional(a, b):\n    return a.sum() / b.sum()\n",
        False,
        "ratio-of-marginals",
    ),
    Code(
        _COND,
        "def conditional(a, b):\n    return np.sum(a & b) / np.sum(b & ~a)   # odds, not a share\n",
        False,
        None,
    ),
    # The second reader's submissions.
    Code(
        _COND,
        "def conditional(a, b):\n"
        "    p_a, p_b = np.sum(a) / len(a), np.sum(b) / len(b)\n"
        "    p_b_given_a = np.sum(a & b) / np.sum(a) if np.sum(a) else 0.0\n"
        "    return p_b_given_a * p_a / p_b      # Bayes' rule\n",
        True,
    ),
    Code(
        _COND,
        "def conditional(a, b):\n"
        "    return (a.astype(int) * b.astype(int)).sum() / b.astype(int).sum()\n",
        True,
    ),
    Code(
        _COND,
        "from fractions import Fraction\n"
        "def conditional(a, b):\n"
        "    kept = [x for x, z in zip(a, b) if z]\n"
        "    return float(Fraction(sum(kept), len(kept)))\n",
        True,
    ),
    Code(
        _COND,
        "def conditional(a, b):\n"
        "    return float(np.float32(np.sum(a & b)) / np.float32(np.sum(b)))\n",
        True,
    ),
    Code(
        _COND,
        "def conditional(a, b):\n    return np.mean(a & b)\n",
        False,
        "joint",
    ),
    Code(
        _COND,
        "def conditional(a, b):\n"
        "    p_a, p_b = np.sum(a) / len(a), np.sum(b) / len(b)\n"
        "    return p_a * p_b / p_b              # assumed P(A and B) = P(A) P(B)\n",
        False,
        "ignored-condition",
        "only when A and B are independent",
    ),
    Code(
        _COND,
        "def conditional(a, b):\n    return np.sum(a | b) / np.sum(b)\n",
        False,
        None,
        "got 1.66667",
    ),
    Code(
        _COND,
        "def conditional(a, b):\n    return np.sum(a and b) / np.sum(b)\n",
        False,
        None,
        "ValueError",
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
