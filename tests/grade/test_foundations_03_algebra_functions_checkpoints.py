"""The checkpoints of "Equations, functions and argmax" (00b-foundations lesson 03) grade real
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
    return f"{row.checkpoint}|{row.text[:40]!r}|{verdict}"


BUDGET = "fd.algebra.time-budget"
COMPOSE = "fd.functions.predict-compose"
REARRANGE = "fd.algebra.rearrange"

TYPED = [
    # 45 + 0.25 n = 240: n = 780 (below 1000, so no thousands separator is tempting).
    Typed(BUDGET, "780", True),
    Typed(BUDGET, "780.0", True),
    Typed(BUDGET, "7.8e2", True),
    Typed(BUDGET, "195/0.25", True),
    Typed(BUDGET, "780.4", True),
    Typed(BUDGET, "960", False, "ignored-setup"),
    Typed(BUDGET, "1140", False, "added-setup"),
    Typed(BUDGET, "60", False, "divided-one-term"),
    Typed(BUDGET, "48.75", False, "multiplied-by-step-time"),
    Typed(BUDGET, "779", False, None, "not right"),
    # g(f(xs)) = [9, 1, 1, 81]: max 81 at index 3.
    Typed(COMPOSE, "81 3", True),
    Typed(COMPOSE, "81 3\n", True),
    Typed(COMPOSE, "  81 3  \r\n", True),
    Typed(COMPOSE, "33 3", False, "wrong-order"),
    Typed(COMPOSE, "81 4", False, "argmax-is-input"),
    Typed(COMPOSE, "81 81", False, "argmax-is-value"),
    Typed(COMPOSE, "49 3", False, None, "Line 1"),
    # x = m + z s = 5.8 - 1.2 = 4.6.
    Typed(REARRANGE, "4.6", True),
    Typed(REARRANGE, "4.60", True),
    Typed(REARRANGE, "4.599", True),
    Typed(REARRANGE, "23/5", True),
    Typed(REARRANGE, "3.925", False, "divided-by-s"),
    Typed(REARRANGE, "7", False, "lost-the-sign"),
    Typed(REARRANGE, "\u22121.2", False, "forgot-the-mean"),
    Typed(REARRANGE, "3.44", False, "undid-in-wrong-order"),
    Typed(REARRANGE, "5.8", False, None, "not right"),
    # The second reader's submissions (docs/reviewing-a-lesson.md, section 4).
    Typed(BUDGET, "780.00", True),
    Typed(BUDGET, "+780", True),
    Typed(BUDGET, "7.8e+2", True),
    Typed(BUDGET, "1,140", False, None, "decimal point"),
    Typed(BUDGET, "\u2212780", False, None, "not right"),
    Typed(COMPOSE, "81  3", True),
    Typed(COMPOSE, "81 3 ", True),
    Typed(COMPOSE, "\n81 3", True),
    Typed(COMPOSE, "81, 3", False, None, "Line 1"),
    Typed(COMPOSE, "9 0", False, None, "Line 1"),
    Typed(REARRANGE, "4.600", True),
    Typed(REARRANGE, "46/10", True),
    Typed(REARRANGE, "+4.6", True),
    Typed(REARRANGE, "7.0", False, "lost-the-sign"),
    Typed(REARRANGE, "-1.2", False, "forgot-the-mean"),
    Typed(REARRANGE, "4.61", False, None, "not right"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
    assert row.says in feedback.message, feedback.message
