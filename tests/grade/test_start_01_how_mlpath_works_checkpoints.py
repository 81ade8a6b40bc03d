"""The checkpoints of lesson 00a-start-here/01 (start.using-mlpath) grade real submissions right.

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


LEVEL = "start.using-mlpath.level-after-pass"
FEEDBACK = "start.using-mlpath.first-feedback"

TYPED = [
    Typed(LEVEL, "b", True),
    Typed(LEVEL, "B)", True),
    Typed(LEVEL, "Learned, with a first review about 2 days later.", True),
    Typed(LEVEL, "a", False, "passes-master"),
    Typed(LEVEL, "c", False, "flashcard-minutes"),
    Typed(LEVEL, "d", False, "learned-after-review"),
    # Second reader: in brackets, quoted, the text in lower case without its period.
    Typed(LEVEL, "(b)", True),
    Typed(LEVEL, "'B'", True),
    Typed(LEVEL, "learned, with a first review about 2 days later", True),
    Typed(FEEDBACK, "d", True),
    Typed(FEEDBACK, "D.", True),
    Typed(FEEDBACK, "  d  ", True),
    Typed(FEEDBACK, "a", False, "shows-answer"),
    Typed(FEEDBACK, "b", False, "fix-at-once"),
    Typed(FEEDBACK, "c", False, "just-wrong"),
    # Second reader: in brackets, a closing bracket, the option's whole text.
    Typed(FEEDBACK, "(d)", True),
    Typed(FEEDBACK, "d)", True),
    Typed(
        FEEDBACK,
        "The name of the mistake and why it is wrong, with the section to revisit; the exact "
        "fix is held back for your next try.",
        True,
    ),
]

CODE = [
    # The notebook form: `answer` set in the file.
    Code(LEVEL, "answer = 'b'\n", True),
    Code(FEEDBACK, "answer = 'D'\n", True),
    Code(LEVEL, "answer = 'Mastered: it was passed twice.'\n", False, "passes-master"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_file_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
