"""Submissions a checkpoint test grades, and the verdict each must get.

A lesson's checkpoint test lists three or more unusual correct submissions and at least two
plausible wrong ones per checkpoint (docs/reviewing-a-lesson.md, section 4) and grades them with
the real grader over the shipped `.checks.py` files:

    TYPED = [Typed(ID, "0.25", True), Typed(ID, "0.1667", False, "mask-ignored")]

    @pytest.mark.parametrize("row", TYPED, ids=submission_id)
    def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
        assert_typed_verdict(grader, row)
"""

from __future__ import annotations

from dataclasses import dataclass

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None  # None: failed without naming a misconception
    says: str = ""  # words the feedback must contain


@dataclass(frozen=True)
class Code:
    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def submission_id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


def assert_typed_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


def assert_code_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
