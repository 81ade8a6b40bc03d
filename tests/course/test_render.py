"""Terminal Markdown: math as Unicode that survives Rich, code as code, checkpoints as commands."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.markdown import Markdown

from mlpath.course.catalog import load_catalog
from mlpath.course.parser import parse_lesson_file
from mlpath.course.render import hint_markdown, terminal_markdown, terminal_text
from mlpath.grade.loader import load_checkpoints
from tests.conftest import write_lesson


def shown(markdown: str) -> str:
    """What a reader sees: the Markdown rendered by Rich, as plain text."""
    stream = io.StringIO()
    Console(file=stream, width=200, color_system=None).print(Markdown(markdown))
    return "\n".join(line.rstrip() for line in stream.getvalue().splitlines())


def test_math_survives_rich_markdown_exactly() -> None:
    # Rich's Markdown ate the backslashes of the raw LaTeX: |\mathbf{u}|,|\mathbf{v}|.
    source = r"the product $\|\mathbf{u}\|\,\|\mathbf{v}\|$ of the lengths"
    assert shown(terminal_text(source)).strip() == "the product ‖u‖ ‖v‖ of the lengths"


def test_characters_markdown_would_read_are_escaped() -> None:
    # Unescaped, `a*b*c` would lose its stars to emphasis and `- x` would start a list.
    source = "$n_\\text{out} \\cdot n_\\text{in}$ weights, $a*b*c$ and\n$- x$ at a line start"
    assert shown(terminal_text(source)).strip() == (
        "n_out ⋅ n_in weights, a*b*c and - x at a line start"
    )


def test_code_and_escaped_dollars_are_not_math() -> None:
    source = "Costs \\$5, see `$HOME` and\n\n```text\necho $x$\n```\n\nthen $\\theta$."
    text = terminal_text(source)
    assert "`$HOME`" in text and "echo $x$" in text and "θ" in text
    assert "Costs $5" in shown(text)
    # A lone dollar does not open math that would run into the next paragraph.
    money = "Pay $5 now.\n\nOr pay 6$ later."
    assert terminal_text(money) == money


def test_display_math_and_math_across_block_quote_lines() -> None:
    source = (
        "> for unit vectors $\\|\\hat{\\mathbf{u}} - \\hat{\\mathbf{v}}\\|^2 =\n"
        "> 2 - 2\\cos\\theta$, so ranking agrees\n\n"
        r"$$\cos\theta = \frac{\mathbf{u} \cdot \mathbf{v}}{\|\mathbf{u}\|\,\|\mathbf{v}\|}.$$"
    )
    lines = [line.strip() for line in shown(terminal_text(source)).splitlines() if line.strip()]
    assert lines == [
        "▌ for unit vectors ‖û - v̂‖² = 2 - 2 cos θ, so ranking agrees",
        "cos θ = (u ⋅ v)/(‖u‖ ‖v‖).",
    ]


def test_a_line_break_in_display_math_is_kept() -> None:
    assert shown(terminal_text("$$a = 1, \\\\ b = 2$$")).splitlines() == ["a = 1,", "b = 2"]


def test_the_cosine_lesson_in_the_terminal() -> None:
    lesson = load_catalog().lesson("la.cosine-similarity")
    assert lesson is not None
    text = shown(terminal_markdown(lesson, load_checkpoints()))
    assert "cos θ = (u ⋅ v)/(‖u‖ ‖v‖)." in text
    assert "$" not in text and "\\mathbf" not in text and "{checkpoint}" not in text
    assert "def cosine(u, v):" in text and "a dot: 10.0  cosine: 1.0" in text
    assert f"Figure: {lesson.path.parent / '05-cosine-similarity.figures' / 'fig-1.png'}" in text
    assert "Write cosine(u, v): the cosine similarity" in text
    assert "mlpath check la.cosine-similarity.implement cosine.py" in text
    assert "mlpath check la.cosine-similarity.nearest nearest.py" in text


def test_an_unknown_checkpoint_is_a_note(tmp_path: Path) -> None:
    lesson = parse_lesson_file(write_lesson(tmp_path, "u.md", "```{checkpoint} x.nope\n```\n"))
    assert shown(terminal_markdown(lesson, {})).strip() == (
        "Checkpoint x.nope is not defined in this version of mlpath."
    )


def test_hints_are_given_one_level_at_a_time() -> None:
    checkpoint = load_checkpoints()["la.norm.distance"]
    first = shown(hint_markdown(checkpoint, 1))
    assert "‖u - v‖ = √(Σᵢ (uᵢ - vᵢ)²)" in first
    assert "Hint 1: Step 1" in first and "Hint 2" not in first
    assert "(more: mlpath hint la.norm.distance --level 2)" in first
    every = shown(hint_markdown(checkpoint, 9))
    assert "Hint 3: Step 3" in every and "more:" not in every


def test_choice_options_spaced_on_one_line_get_a_line_each_in_the_terminal() -> None:
    task = "Which?\n\na) (5, 3)    b) (6, 6)    c) it raises\n\nb) alone is prose."
    expected = "Which?\n\na) (5, 3)\\\nb) (6, 6)\\\nc) it raises\n\nb) alone is prose."
    assert terminal_text(task) == expected
