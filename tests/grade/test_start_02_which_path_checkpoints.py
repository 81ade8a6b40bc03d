"""The checkpoints of lesson 00a-start-here/02 (start.choosing-a-path) grade real submissions right.

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
    body: str  # the whole file
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


PATH = "start.choosing-a-path.which-path"
CREDIT = "start.choosing-a-path.placement-credit"

TYPED = [
    Typed(PATH, "b", True),
    Typed(PATH, "(B)", True),
    Typed(
        PATH,
        "Engineering: the essential concepts on the way to the goal, research-depth ones set "
        "aside as safe to skip for now.",
        True,
    ),
    Typed(PATH, "a", False, "math-as-a-wall"),
    Typed(PATH, "c", False, "no-math"),
    Typed(PATH, "d", False, "engineering-skips-core"),
    # Second reader: a period, spaces around, quoted.
    Typed(PATH, "b.", True),
    Typed(PATH, " B ", True),
    Typed(PATH, "'b'", True),
    Typed(CREDIT, "c", True),
    Typed(CREDIT, "C.", True),
    Typed(CREDIT, "It becomes learned (implied by the pass) and drops out of your path.", True),
    Typed(CREDIT, "a", False, "one-question-each"),
    Typed(CREDIT, "b", False, "pass-masters"),
    Typed(CREDIT, "d", False, "only-the-asked-concept"),
    # Second reader: in brackets, a closing bracket, the text without its period.
    Typed(CREDIT, "(c)", True),
    Typed(CREDIT, "c)", True),
    Typed(CREDIT, "it becomes learned (implied by the pass) and drops out of your path", True),
]

CODE = [
    Code(PATH, "answer = 'B'\n", True),
    Code(CREDIT, "choice = 'abcd'[2]\nanswer = choice\n", True),
    Code(CREDIT, "answer = 'b'\n", False, "pass-masters"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_file_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
