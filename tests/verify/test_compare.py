from __future__ import annotations

from mlpath.course.model import CellOptions
from mlpath.verify.compare import normalize, outputs_match, unified_diff


def test_normalisation_is_only_addresses_and_trailing_whitespace() -> None:
    text = "<Figure at 0x7f3a12bc4d60>   \nvalue 1.0\t\n\n\n"
    assert normalize(text) == "<Figure at 0x?>\nvalue 1.0"
    assert normalize("1.0") != normalize("1.00")
    assert normalize("a\n\nb") == "a\n\nb"


def test_exact_comparison_catches_one_digit() -> None:
    assert outputs_match("21.0\n", "21.0\n", CellOptions())
    assert not outputs_match("21.0\n", "21.1\n", CellOptions())


def test_numeric_comparison_uses_the_tolerance_and_keeps_the_text() -> None:
    numeric = CellOptions(compare="numeric", tolerance=1e-6)
    assert outputs_match("loss 0.1234567\n", "loss 0.1234568\n", numeric)
    assert not outputs_match("loss 0.1234567\n", "loss 0.1235\n", numeric)
    assert not outputs_match("loss 0.1234567\n", "cost 0.1234567\n", numeric)
    assert not outputs_match("[1. 2.]\n", "[1. 2. 3.]\n", numeric)
    assert outputs_match("nan\n", "nan\n", numeric)


def test_skip_accepts_anything() -> None:
    assert outputs_match("anything", "else", CellOptions(compare="skip"))


def test_diff_names_the_place() -> None:
    diff = unified_diff("a\nb\n", "a\nc\n", "lesson.md:12")
    assert "--- lesson.md:12 (recorded)" in diff
    assert "-b" in diff and "+c" in diff
