"""What each checkpoint kind accepts as the same answer, through the real grader."""

from __future__ import annotations

import re

from mlpath.grade.grader import Grader


def test_a_prediction_is_right_however_it_spaces_brackets_and_commas(grader: Grader) -> None:
    checkpoint = grader.get("la.matvec.predict-shapes")
    compact = grader.prediction(checkpoint.code)  # "(30,)\n(30,5)": spacing normalised
    assert "," in compact
    as_python_prints = re.sub(r",(?=\S)(?!\))", ", ", compact)  # "(30, 5)"
    for typed in (
        as_python_prints,
        compact,
        compact.replace("(", "( ").replace(",", " , ") + "\n",
    ):
        assert grader.check_text(checkpoint.id, typed).passed, typed
    lines = compact.splitlines()
    for wrong in ("\n".join(reversed(lines)), lines[0], compact.replace(",", "")):
        assert not grader.check_text(checkpoint.id, wrong).passed, wrong


def test_a_prediction_may_type_a_typographic_minus() -> None:
    from mlpath.grade.kinds import normalise_lines

    assert normalise_lines("\u221216\n[ \u22121.  2.]") == normalise_lines("-16\n[-1. 2.]")
    assert normalise_lines("-16") != normalise_lines("16")


def test_a_choice_may_paste_its_letter_with_the_option_text(grader: Grader) -> None:
    checkpoint = grader.get("eval.split.chosen-on-test")
    right = next(
        option for option in checkpoint.options if grader.check_text(checkpoint.id, option).passed
    )
    letter = "abcdefgh"[checkpoint.options.index(right)]
    for typed in (
        f"{letter}) {right}",
        f"({letter}) {right}.",
        f"{letter.upper()}. {right}",
        right + ".",
    ):
        assert grader.check_text(checkpoint.id, typed).passed, typed
    other = next(option for option in checkpoint.options if option != right)
    # The letter of one option with the text of another is not an answer to trust.
    assert not grader.check_text(checkpoint.id, f"{letter}) {other}").passed


def test_a_number_may_be_typed_as_approximate(grader: Grader) -> None:
    for typed in ("≈ 0.25", "~0.25", "about 0.25", "approx. 0.25", "Approximately 0.25"):
        assert grader.check_text("tf.causal-mask.equal-scores", typed).passed, typed
    assert not grader.check_text("tf.causal-mask.equal-scores", "≈ 0.2").passed


def test_a_wrong_typed_number_is_shown_as_typed(grader: Grader) -> None:
    checkpoint = grader.get("fd.algebra.time-budget")
    assert checkpoint.decimals == 0
    feedback = grader.check_text(checkpoint.id, "781.234")
    assert not feedback.passed and "Your answer 781.234 is not right" in feedback.message
