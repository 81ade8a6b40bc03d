"""A lesson's blocks: every line of the body lands in exactly one block, in reading order."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlpath.course.blocks import CodeCell, EmbeddedCheckpoint, Prose, lesson_blocks
from mlpath.course.catalog import load_catalog
from mlpath.course.model import Lesson
from mlpath.course.parser import parse_lesson_file
from tests.conftest import PILOT_MODULE, write_lesson

COURSE = load_catalog().lessons


def _block_text(block: Prose | CodeCell | EmbeddedCheckpoint) -> str:
    if isinstance(block, Prose):
        return block.markdown
    if isinstance(block, CodeCell):
        recorded = block.cell.recorded
        return "\n".join([block.cell.code, recorded.text or "", *recorded.figures])
    return block.id


@pytest.mark.parametrize("lesson", COURSE, ids=lambda lesson: lesson.meta.id)
def test_every_body_line_is_in_one_block_and_no_fence_is_left_in_prose(lesson: Lesson) -> None:
    blocks = lesson_blocks(lesson)
    cells = [block.cell for block in blocks if isinstance(block, CodeCell)]
    assert cells == list(lesson.cells)
    embedded = [block.id for block in blocks if isinstance(block, EmbeddedCheckpoint)]
    assert embedded == [ref.id for ref in lesson.checkpoints]
    prose = "\n".join(block.markdown for block in blocks if isinstance(block, Prose))
    for leftover in ("```{checkpoint}", "```python", "```output", f"]({lesson.figures_dir_name}/"):
        assert leftover not in prose
    covered = "\n".join(_block_text(block) for block in blocks)
    body = lesson.text.splitlines()[lesson.front_matter_end :]
    fences = {"```", "```output"} | {f"```python {cell.option_text}".strip() for cell in cells}
    fences |= {f"```{{checkpoint}} {ref.id}" for ref in lesson.checkpoints}
    figures = [name for cell in cells for name in cell.recorded.figures]
    missing = [
        line
        for line in body
        if line.strip()
        and line not in fences
        and line not in covered
        and not any(name in line for name in figures)
    ]
    assert missing == []


def test_the_blocks_of_the_dot_product_lesson_in_order() -> None:
    lesson = parse_lesson_file(PILOT_MODULE / "03-dot-product.md")
    blocks = lesson_blocks(lesson)
    assert isinstance(blocks[0], Prose) and blocks[0].markdown.startswith("# The dot product\n")
    assert isinstance(blocks[1], CodeCell) and blocks[1].cell.index == 0
    checkpoints = [block for block in blocks if isinstance(block, EmbeddedCheckpoint)]
    assert [block.id for block in checkpoints] == [
        "la.dot-product.implement",
        "la.dot-product.iris-score",
    ]
    # Prose between the two directives is only blank lines, so they are adjacent blocks.
    first = blocks.index(checkpoints[0])
    assert blocks[first + 1] == checkpoints[1]


def test_directives_next_to_cells_longer_fences_and_an_unclosed_fence(tmp_path: Path) -> None:
    text = (
        "Intro.\n\n```python\nx = 1\n```\n"
        "```{checkpoint} a.first\n```\n"
        "Between.\n\n"
        "````{checkpoint} a.second\n```\n````\n"
        "After.\n\n"
        "```{checkpoint} a.last\n"
    )
    lesson = parse_lesson_file(write_lesson(tmp_path, "b.md", text))
    assert lesson_blocks(lesson) == (
        Prose("Intro."),
        CodeCell(lesson.cells[0]),
        EmbeddedCheckpoint("a.first"),
        Prose("Between."),
        EmbeddedCheckpoint("a.second"),
        Prose("After."),
        EmbeddedCheckpoint("a.last"),
    )
