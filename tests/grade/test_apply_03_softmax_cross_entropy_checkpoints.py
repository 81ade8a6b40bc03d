"""The checkpoints of lesson 06-apply/03 (clf.softmax) grade real submissions right.

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


CE = "clf.softmax.cross-entropy"
FLOOR = "clf.softmax.twice-floor"

CODE = [
    # A loop over rows and classes with math.exp and math.log, picking the true class by argmax.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    total = 0.0\n"
        "    for z, y in zip(Z.tolist(), Y.tolist()):\n"
        "        m = max(z)\n"
        "        lse = m + math.log(sum(math.exp(v - m) for v in z))\n"
        "        total += lse - z[y.index(1.0)]\n"
        "    return total / len(Z)\n",
        True,
    ),
    # float32 throughout.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    Z, Y = Z.astype(np.float32), Y.astype(np.float32)\n"
        "    s = Z - Z.max(axis=1, keepdims=True)\n"
        "    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
        "    return -(Y * log_p).sum() / np.float32(len(Z))\n",
        True,
    ),
    # Labels recovered from the one-hot rows, the log-sum-exp written with log1p.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    labels = Y.argmax(axis=1)\n"
        "    m = Z.max(axis=1)\n"
        "    rest = np.exp(Z - m[:, None]).sum(axis=1) - 1.0\n"
        "    lse = m + np.log1p(rest)\n"
        "    return float(np.mean(lse - Z[np.arange(len(Z)), labels]))\n",
        True,
    ),
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)\n"
        "    return -np.mean(np.sum(Y * np.log(P), axis=1))\n",
        False,
        "overflow",
    ),
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    P = E / E.sum(axis=1, keepdims=True)\n"
        "    return -np.mean(np.sum(Y * np.log(P), axis=1))\n",
        False,
        "log-of-softmax",
    ),
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    s = Z - Z.max(axis=1, keepdims=True)\n"
        "    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
        "    return -np.mean(Y * log_p)\n",
        False,
        "mean-over-all-entries",
    ),
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    s = Z - Z.max(axis=0)\n"
        "    log_p = s - np.log(np.exp(s).sum(axis=0))\n"
        "    return -np.mean(np.sum(Y * log_p, axis=1))\n",
        False,
        "wrong-axis",
    ),
    # A stable softmax first, then the stable loss on top: softmax applied twice.
    Code(
        CE,
        "def _log_softmax(Z):\n"
        "    s = Z - Z.max(axis=1, keepdims=True)\n"
        "    return s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
        "def cross_entropy(Z, Y):\n"
        "    P = np.exp(_log_softmax(Z))\n"
        "    return -np.mean(np.sum(Y * _log_softmax(P), axis=1))\n",
        False,
        "softmax-twice",
    ),
    # A library's log-softmax is refused, and the feedback says why.
    Code(
        CE,
        "from scipy.special import log_softmax\n"
        "def cross_entropy(Z, Y):\n"
        "    return -np.mean(np.sum(Y * log_softmax(Z, axis=1), axis=1))\n",
        False,
        None,
        "log-sum-exp",
    ),
    # Answers computed in a file, as `mlpath check` reads them.
    Code(FLOOR, "answer = -math.log(math.e / (math.e + 3))\n", True),
    Code(
        FLOOR,
        "z = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)\n"
        "answer = float(np.log(np.exp(z).sum()) - z[0])\n",
        True,
    ),
    Code(FLOOR, "answer = np.log(4)\n", False, "untrained-loss"),
]

TYPED = [
    Typed(FLOOR, "0.744", True),
    Typed(FLOOR, "0.74367", True),
    Typed(FLOOR, " 7.440e-1", True),
    Typed(FLOOR, "1.386", False, "untrained-loss"),
    Typed(FLOOR, "0", False, "zero"),
    Typed(FLOOR, "0.475", False, "probability-not-loss"),
    Typed(FLOOR, "1.461", False, "lesson-k"),
    # ln(e + 2) - 1, the floor for K = 3: no named mistake.
    Typed(FLOOR, "0.551", False, None, "is not right"),
]


# The reviewer's submissions (docs/reviewing-a-lesson.md, section 4), unlike the author's.
CODE += [
    # The lesson's own helpers, copied: functions named softmax and log_softmax that the
    # learner defines are not the forbidden library ones.
    Code(
        CE,
        "def softmax(Z):\n"
        "    E = np.exp(Z - Z.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1, keepdims=True)\n"
        "def log_softmax(Z):\n"
        "    shifted = Z - Z.max(axis=-1, keepdims=True)\n"
        "    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))\n"
        "def cross_entropy(Z, Y):\n"
        "    return -np.mean(np.sum(Y * log_softmax(Z), axis=-1))\n",
        True,
    ),
    # The true class's score picked with take_along_axis, into a variable named `entropy`.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    m = Z.max(axis=1, keepdims=True)\n"
        "    lse = m[:, 0] + np.log(np.exp(Z - m).sum(axis=1))\n"
        "    true_score = np.take_along_axis(Z, Y.argmax(axis=1)[:, None], axis=1)[:, 0]\n"
        "    entropy = lse - true_score\n"
        "    return entropy.mean()\n",
        True,
    ),
    # float32, the one-hot rows used as a boolean mask.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    s = Z.astype(np.float32)\n"
        "    s = s - s.max(axis=1, keepdims=True)\n"
        "    return float(np.mean(np.log(np.exp(s).sum(axis=1)) - s[Y.astype(bool)]))\n",
        True,
    ),
    # np.max(Z) without an axis: one shift for the whole batch.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    s = Z - np.max(Z)\n"
        "    log_p = s - np.log(np.sum(np.exp(s), axis=1, keepdims=True))\n"
        "    return -np.mean(np.sum(Y * log_p, axis=1))\n",
        False,
        "global-max",
    ),
    # The same mistake written another way gives -inf, not nan: not named, but the feedback
    # shows the row that breaks.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    m = Z.max()\n"
        "    lse = m + np.log(np.exp(Z - m).sum(axis=1))\n"
        "    return np.mean(lse - (Z * Y).sum(axis=1))\n",
        False,
        None,
        "has -inf at index ()",
    ),
    # An epsilon inside the log hides the underflow and gives a wrong, finite loss.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    P = E / E.sum(axis=1, keepdims=True)\n"
        "    return -np.mean(np.sum(Y * np.log(P + 1e-12), axis=1))\n",
        False,
        None,
        "expected 800.693, got 27.631",
    ),
    # The minus sign forgotten.
    Code(
        CE,
        "def cross_entropy(Z, Y):\n"
        "    s = Z - Z.max(axis=1, keepdims=True)\n"
        "    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
        "    return np.mean(np.sum(Y * log_p, axis=1))\n",
        False,
        None,
        "opposite sign",
    ),
    Code(FLOOR, "answer = math.log1p(3 / math.e)\n", True),
    # The floor measured: perfect one-hot outputs fed to the stable loss.
    Code(
        FLOOR,
        "Y = np.eye(4)[[0, 1, 2, 3, 1]]\n"
        "s = Y - Y.max(axis=1, keepdims=True)\n"
        "log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
        "answer = -np.mean(np.sum(Y * log_p, axis=1))\n",
        True,
    ),
    # e plus K ones in the sum, instead of e plus K - 1.
    Code(FLOOR, "answer = np.log(np.e + 4) - 1\n", False, None, "0.90483 is not right"),
    # The probability of the wrong classes together.
    Code(FLOOR, "answer = 1 - np.e / (np.e + 3)\n", False, None, "0.52463 is not right"),
]
TYPED += [
    Typed(FLOOR, "0.7437", True),
    Typed(FLOOR, "0.74", False, None, "is not right"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
