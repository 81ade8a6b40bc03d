from __future__ import annotations

from pathlib import Path

import pytest

from mlpath.course.parser import parse_lesson, parse_lesson_file
from mlpath.errors import LessonFormatError

FRONT = "---\nid: la.x\ntitle: X\nteaches: [la.vectors]\nneeds: []\nminutes: 5\n---\n"


def parse(body: str, front: str = FRONT) -> object:
    return parse_lesson(front + body, Path("lesson.md"))


def error_of(text: str) -> LessonFormatError:
    with pytest.raises(LessonFormatError) as caught:
        parse_lesson(text, Path("lesson.md"))
    return caught.value


def test_cells_outputs_figures_and_checkpoints_are_read_with_their_lines() -> None:
    body = (
        "Prose with $x$.\n\n"
        "```python\nprint(1)\n```\n\n"
        "```output\n1\n```\n\n"
        "![Figure 1](lesson.figures/fig-1.png)\n\n"
        "```python raises=ValueError timeout=5\nraise ValueError('no')\n```\n"
        "```{checkpoint} la.x.implement\n```\n"
    )
    lesson = parse_lesson(FRONT + body, Path("lesson.md"))
    first, second = lesson.cells
    assert lesson.meta.id == "la.x" and lesson.meta.minutes == 5
    assert first.line == 10 and first.code == "print(1)\n"
    assert first.recorded.text == "1\n"
    assert first.recorded.figures == ("lesson.figures/fig-1.png",)
    assert second.options.raises == "ValueError" and second.options.timeout == 5
    assert second.recorded.empty
    assert [(c.id, c.line) for c in lesson.checkpoints] == [("la.x.implement", 23)]


def test_other_fences_and_images_are_prose() -> None:
    lesson = parse_lesson(
        FRONT + "```text\nnot code\n```\n\n```python\nx = 1\n```\n\n![a photo](photo.png)\n",
        Path("lesson.md"),
    )
    assert len(lesson.cells) == 1
    assert lesson.cells[0].recorded.figures == ()


def test_tolerance_implies_numeric_comparison() -> None:
    lesson = parse_lesson(FRONT + "```python tolerance=1e-6\nx = 1\n```\n", Path("l.md"))
    assert lesson.cells[0].options.compare == "numeric"
    assert lesson.cells[0].options.tolerance == 1e-6


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("# no front matter\n", 1, "expected front matter"),
        ("---\nid: la.x\n", 1, "never closed"),
        ("---\nid: la.x\ntitle: [unclosed\n---\n", 3, "not valid YAML"),
        (FRONT.replace("minutes: 5", "minutes: five"), 6, "'minutes' must be a positive whole"),
        (FRONT.replace("needs: []", "needs: []\ntaeches: []"), 6, "Did you mean 'teaches'?"),
        (FRONT.replace("title: X\n", ""), 1, "missing 'title'"),
        (FRONT.replace("id: la.x", "id: La X"), 2, "'id' must be lower-case"),
        (FRONT + "```python tolerence=1e-3\nx\n```\n", 8, "Did you mean 'tolerance'?"),
        (
            FRONT + "```python compare=exakt\nx\n```\n",
            8,
            "expected one of 'exact', 'numeric', 'skip'; got 'exakt'",
        ),
        (FRONT + "```python timeout=-1\nx\n```\n", 8, "'timeout' must be a positive number"),
        (FRONT + "```python raises=not-a-class\nx\n```\n", 8, "must name an exception class"),
        (FRONT + "Prose\n\n```output\n1\n```\n", 10, "must come right after a python code cell"),
        (FRONT + "```python\nx\n```\nProse\n```output\n1\n```\n", 12, "right after a python"),
        (FRONT + "```python\nx\n```\n```output\n1\n```\n```output\n2\n```\n", 14, "at most one"),
        (FRONT + "```python\nprint(1)\n", 8, "never closed"),
        (FRONT + "```{checkpoint}\n```\n", 8, "needs exactly one id"),
    ],
)
def test_errors_name_the_line_and_the_fix(text: str, line: int, fragment: str) -> None:
    error = error_of(text)
    assert error.line == line, str(error)
    assert fragment in error.message
    assert str(error).startswith(f"lesson.md:{line}: ")


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\nid: la.x\ntitle: caf\xe9\n---\n")
    with pytest.raises(LessonFormatError) as caught:
        parse_lesson_file(bad)
    assert caught.value.path == bad and caught.value.line == 3
    assert "UTF-8" in caught.value.message


def test_indented_fence_is_rejected() -> None:
    error = error_of(FRONT + "- item\n\n  ```python\n  x = 1\n  ```\n")
    assert "beginning of the line" in error.message
