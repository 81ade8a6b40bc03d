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
    # 45 + 0.3 n = 900: n = 2850.
    Typed(BUDGET, "2850", True),
    Typed(BUDGET, "2850.0", True),
    Typed(BUDGET, "2.85e3", True),
    Typed(BUDGET, "8550/3", True),
    Typed(BUDGET, "2850.4", True),
    Typed(BUDGET, "3000", False, "ignored-setup"),
    Typed(BUDGET, "3150", False, "added-setup"),
    Typed(BUDGET, "750", False, "divided-one-term"),
    Typed(BUDGET, "256.5", False, "multiplied-by-step-time"),
    Typed(BUDGET, "2849", False, None, "not right"),
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
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
    assert row.says in feedback.message, feedback.message
