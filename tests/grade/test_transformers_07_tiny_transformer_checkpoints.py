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


def _id(row: Typed) -> str:
    text = row.text
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed, passed: bool, named: str | None, message: str) -> None:
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
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
