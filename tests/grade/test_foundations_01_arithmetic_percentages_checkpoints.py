"""The checkpoints of "Fractions, ratios and percentages" (00b-foundations lesson 01) grade real
answers right: unusual correct answers pass and plausible wrong ones fail naming the mistake
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


def _id(row: Typed) -> str:
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{row.text[:40]}|{verdict}"


DROP = "fd.arithmetic.error-rate-drop"
RELATIVE = "fd.arithmetic.relative-error"
FEWER = "fd.arithmetic.fewer-mistakes"

TYPED = [
    # The quick placement question: the fall as a percent of the old error rate, 25.
    Typed(DROP, "25", True),
    Typed(DROP, "25%", True),
    Typed(DROP, " 25.000 % ", True),
    Typed(DROP, "100/4", True),
    Typed(DROP, "+25.04", True),
    Typed(DROP, "2", False, "percentage-points"),
    Typed(DROP, "2%", False, "percentage-points"),
    Typed(DROP, "33.3", False, "divided-by-new"),
    Typed(DROP, "75%", False, "what-is-left"),
    Typed(DROP, "0.25", False, "fraction-not-percent"),
    Typed(DROP, "1/4", False, "fraction-not-percent"),
    Typed(DROP, "\u221225", False, "negative-change"),
    Typed(DROP, "20", False, None, "not right"),
    # Relative error of a 230 prediction for a true 250: 0.08.
    Typed(RELATIVE, "0.08", True),
    Typed(RELATIVE, "8%", True),
    Typed(RELATIVE, "2/25", True),
    Typed(RELATIVE, ".0804", True),
    Typed(RELATIVE, "8.0 %", True),
    Typed(RELATIVE, "20", False, "absolute-error"),
    Typed(RELATIVE, "0.087", False, "divided-by-estimate"),
    Typed(RELATIVE, "\u22120.08", False, "kept-the-sign"),
    Typed(RELATIVE, "8", False, "percent-without-sign"),
    Typed(RELATIVE, "0.092", False, None, "not right"),
    # Error rates 4% and 2%: half as many mistakes.
    Typed(FEWER, "c", True),
    Typed(FEWER, "(C)", True),
    Typed(FEWER, "c) B makes half as many mistakes as A", True),
    Typed(FEWER, "b makes half as many mistakes as a.", True),
    Typed(FEWER, "a", False, "mistakes-in-points"),
    Typed(FEWER, "B makes about 2.1% fewer mistakes than A", False, "accuracy-ratio"),
    Typed(FEWER, "d", False, "needs-counts"),
    # The second reader's submissions (docs/reviewing-a-lesson.md, section 4).
    Typed(DROP, "25.0", True),
    Typed(DROP, "2.5e1", True),
    Typed(DROP, "25 %", True),
    Typed(DROP, "2/8", False, "fraction-not-percent"),
    Typed(DROP, "-25%", False, "negative-change"),
    Typed(DROP, "33%", False, None, "not right"),
    Typed(DROP, "25,0", False, None, "decimal point"),
    Typed(RELATIVE, "0.080", True),
    Typed(RELATIVE, "8e-2", True),
    Typed(RELATIVE, "20/250", True),
    Typed(RELATIVE, "8.00%", True),
    Typed(RELATIVE, "-8%", False, "kept-the-sign"),
    Typed(RELATIVE, "0.0870", False, "divided-by-estimate"),
    Typed(RELATIVE, "20000", False, None, "not right"),
    Typed(FEWER, "C.", True),
    Typed(FEWER, "'c'", True),
    Typed(FEWER, "c)", True),
    Typed(FEWER, "b", False, "accuracy-ratio"),
    Typed(FEWER, "half", False, None, "letters"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
    assert row.says in feedback.message, feedback.message
