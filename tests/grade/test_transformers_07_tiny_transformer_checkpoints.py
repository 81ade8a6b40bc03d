"""The checkpoints of lesson 08-transformers/07 (tf.language-modeling) grade real submissions
right.

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
    body: str  # the whole file, defining `answer`
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


UNIGRAM = "tf.language-modeling.unigram-loss"  # the answer is 1.41428 nats
LEAK = "tf.language-modeling.leak"

TYPED = [
    Typed(UNIGRAM, "1.414", True),
    Typed(UNIGRAM, "1.41428", True),
    Typed(UNIGRAM, " 1.4143 ", True),
    Typed(UNIGRAM, "2.040", False, "bits"),
    Typed(UNIGRAM, "1.609", False, "uniform"),
    Typed(UNIGRAM, "1.799", False, "unweighted"),
    Typed(UNIGRAM, "\u22121.414", False, "no-minus"),
    Typed(UNIGRAM, "1.5", False, None),
    Typed(LEAK, "a", True),
    Typed(LEAK, "A)", True),
    Typed(LEAK, "the targets are the inputs, not the inputs moved one place", True),
    Typed(LEAK, "c", False, "memorised"),
    Typed(LEAK, "b", False, "small-lr"),
    Typed(LEAK, "d", False, "no-scaling"),
    # The second reader's.
    Typed(UNIGRAM, "1.4142790651", True),
    Typed(UNIGRAM, "1.41", False, None),  # 3 decimals asked for
    Typed(LEAK, "a.", True),
]

CODE = [
    # Averaged over the 11 positions, in a loop, with math.fsum.
    Code(
        UNIGRAM,
        "import math\n"
        "text = 'abracadabra'\n"
        "answer = math.fsum(-math.log(text.count(c) / len(text)) for c in text) / len(text)\n",
        True,
    ),
    # float32 frequencies.
    Code(
        UNIGRAM,
        "import numpy as np\n"
        "f = np.array([5, 2, 2, 1, 1], dtype=np.float32) / 11\n"
        "answer = -(f * np.log(f)).sum()\n",
        True,
    ),
    # scipy's entropy normalises the counts itself.
    Code(UNIGRAM, "from scipy.stats import entropy\nanswer = entropy([5, 2, 2, 1, 1])\n", True),
    # ln 11 minus the mean of n ln n.
    Code(
        UNIGRAM,
        "import numpy as np\nanswer = np.log(11) - (5 * np.log(5) + 4 * np.log(2)) / 11\n",
        True,
    ),
    Code(
        UNIGRAM,
        "import numpy as np\n"
        "f = np.array([5, 2, 2, 1, 1]) / 11\n"
        "answer = -(f * np.log2(f)).sum()\n",
        False,
        "bits",
    ),
    # -ln f summed over the distinct characters, divided by the 11 positions: not named.
    Code(
        UNIGRAM,
        "import numpy as np\nf = np.array([5, 2, 2, 1, 1]) / 11\nanswer = -np.log(f).sum() / 11\n",
        False,
        None,
    ),
    Code(LEAK, "answer = ' A '\n", True),
    Code(LEAK, "answer = 'c'\n", False, "memorised"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_answer_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
