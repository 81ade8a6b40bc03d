"""What each checkpoint kind accepts as the same answer, through the real grader."""

from __future__ import annotations

from mlpath.grade.grader import Grader


def test_a_prediction_is_right_however_it_spaces_brackets_and_commas(grader: Grader) -> None:
    for typed in ("(150,)\n(150, 4)", "(150,)\n(150,4)", "( 150, )\n(150 ,  4)\n"):
        assert grader.check_text("la.matvec.predict-shapes", typed).passed, typed
    for wrong in ("(150,)\n(4,150)", "(150,)\n(1504)", "(150,)"):
        assert not grader.check_text("la.matvec.predict-shapes", wrong).passed, wrong
