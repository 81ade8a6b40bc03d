"""A lesson as a sequence of blocks: prose, code cells and embedded checkpoints.

This is the one place that knows how a lesson file's lines map to what a reader sees. The web
page, the terminal and the exported notebook each only present these blocks, through a
`BlockPresenter`, so a new kind of block is a type error in every presenter until it is handled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeVar

from mlpath.course.model import Cell, Lesson

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class BlockPresenter(Protocol[T_co]):
    """Turns each kind of block into one presentation (HTML parts, Markdown, notebook cells)."""

    def prose(self, block: Prose) -> T_co: ...

    def cell(self, block: CodeCell) -> T_co: ...

    def checkpoint(self, block: EmbeddedCheckpoint) -> T_co: ...


@dataclass(frozen=True)
class Prose:
    """Markdown between cells and checkpoints, with its `$math$` as written."""

    markdown: str

    def present(self, presenter: BlockPresenter[T]) -> T:
        return presenter.prose(self)


@dataclass(frozen=True)
class CodeCell:
    """A code cell with its recorded output and figures."""

    cell: Cell

    def present(self, presenter: BlockPresenter[T]) -> T:
        return presenter.cell(self)


@dataclass(frozen=True)
class EmbeddedCheckpoint:
    """A ```` ```{checkpoint} ID ```` directive; the checkpoint itself is defined elsewhere."""

    id: str

    def present(self, presenter: BlockPresenter[T]) -> T:
        return presenter.checkpoint(self)


Block = Prose | CodeCell | EmbeddedCheckpoint


def lesson_blocks(lesson: Lesson) -> tuple[Block, ...]:
    """The lesson body in reading order. Figure lines belong to their cell, a directive's fences
    to its checkpoint; prose that is only blank lines is dropped."""
    lines = lesson.text.splitlines()
    spans: list[tuple[int, int, Block]] = [
        (cell.line - 1, max(cell.result_start, cell.result_end), CodeCell(cell))
        for cell in lesson.cells
    ]
    spans += [
        (ref.line - 1, _fence_end(lines, ref.line - 1), EmbeddedCheckpoint(ref.id))
        for ref in lesson.checkpoints
    ]
    blocks: list[Block] = []
    position = lesson.front_matter_end
    for start, end, block in sorted(spans, key=lambda span: span[0]):
        _add_prose(blocks, lines[position:start])
        blocks.append(block)
        position = end
    _add_prose(blocks, lines[position:])
    return tuple(blocks)


def _add_prose(blocks: list[Block], lines: list[str]) -> None:
    markdown = "\n".join(lines).strip("\n")
    if markdown.strip():
        blocks.append(Prose(markdown))


def _fence_end(lines: list[str], opening: int) -> int:
    """The line after the fence that closes the one opened at `opening` (0-based), as CommonMark
    closes it: the same character, at least as many times; an unclosed fence runs to the end."""
    fence = lines[opening].lstrip()
    marker = fence[: len(fence) - len(fence.lstrip(fence[0]))]
    for index in range(opening + 1, len(lines)):
        closing = lines[index].strip()
        if closing.startswith(marker) and not closing.strip(marker[0]):
            return index + 1
    return len(lines)
