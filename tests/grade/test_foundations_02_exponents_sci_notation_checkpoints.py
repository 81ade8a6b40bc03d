"""The checkpoints of "Exponents, roots and scientific notation" (00b-foundations lesson 02) grade
real answers right: unusual correct answers pass and plausible wrong ones fail naming the mistake
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
    return f"{row.checkpoint}|{row.text[:40]!r}|{verdict}"


EVALUATE = "fd.exponents.evaluate"
MEMORY = "fd.sci-notation.model-memory"
PREDICT = "fd.exponents.predict-python"

TYPED = [
    # 16^(-1/2) * 2^3 = 1/4 * 8 = 2.
    Typed(EVALUATE, "2", True),
    Typed(EVALUATE, "2.000", True),
    Typed(EVALUATE, "8/4", True),
    Typed(EVALUATE, "+2.0", True),
    Typed(EVALUATE, "-32", False, "negative-exponent-as-sign"),
    Typed(EVALUATE, "\u221264", False, "exponent-as-factor"),
    Typed(EVALUATE, "1", False, "half-power-as-halving"),
    Typed(EVALUATE, "0.25", False, None, "not right"),
    # 1.3e9 float32 parameters: 5.2e9 bytes, 5.2 GB.
    Typed(MEMORY, "5.2", True),
    Typed(MEMORY, "5.20", True),
    Typed(MEMORY, "5.2e0", True),
    Typed(MEMORY, "52/10", True),
    Typed(MEMORY, "5.24", True),
    Typed(MEMORY, "1.3", False, "forgot-bytes"),
    Typed(MEMORY, "41.6", False, "counted-bits"),
    Typed(MEMORY, "5200", False, "divided-by-a-million"),
    Typed(MEMORY, "4.84", False, "binary-gigabytes"),
    Typed(MEMORY, "2.6", False, None, "not right"),
    # print(-2**2), print(4**-1), print(3 ^ 2): -4, 0.25, 1.
    Typed(PREDICT, "-4\n0.25\n1", True),
    Typed(PREDICT, "\n-4  \n0.25\n1\n\n", True),
    Typed(PREDICT, "-4\r\n0.25\r\n1\r\n", True),
    Typed(PREDICT, "4\n0.25\n1", False, "minus-first"),
    Typed(PREDICT, "-4\n0.25\n9", False, "caret-is-power"),
    Typed(PREDICT, "-4\n-4\n1", False, "negative-exponent-as-sign"),
    Typed(PREDICT, "-4\n0.25\n1.0", False, None, "Line 3"),
    # The second reader's submissions (docs/reviewing-a-lesson.md, section 4).
    Typed(EVALUATE, "2.00", True),
    Typed(EVALUATE, "2e0", True),
    Typed(EVALUATE, "4/2", True),
    Typed(EVALUATE, "1.5", False, "power-as-product"),
    Typed(EVALUATE, "-2", False, None, "not right"),
    Typed(EVALUATE, "0.5", False, None, "not right"),
    Typed(MEMORY, "5.200", True),
    Typed(MEMORY, "5.2e+00", True),
    Typed(MEMORY, "26/5", True),
    Typed(MEMORY, "4.8", False, "binary-gigabytes"),
    Typed(MEMORY, "5.2e9", False, None, "not right"),
    Typed(MEMORY, "5.2 GB", False, None, "single number"),
    Typed(PREDICT, "\u22124\n0.25\n1", True),
    Typed(PREDICT, "-4 \n 0.25 \n 1", True),
    Typed(PREDICT, "-4\n0.25\n1\n", True),
    Typed(PREDICT, "4\n0.25\n9", False, "read-as-math"),
    Typed(PREDICT, "-4\n.25\n1", False, None, "Line 2"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
    assert row.says in feedback.message, feedback.message
