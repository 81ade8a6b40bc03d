"""A lesson as blocks for the page: prose as HTML (math left for KaTeX), cells, checkpoints."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

from mlpath.course import blocks
from mlpath.course.model import Lesson


@cache
def _markdown() -> MarkdownIt:
    # Headings get GitHub-style ids, which checkpoint feedback links to ("Revisit: ...").
    return (
        MarkdownIt("commonmark", {"html": False})
        .use(dollarmath_plugin)
        .use(anchors_plugin, min_level=1, max_level=4)
        .enable("table")
    )


def markdown_html(text: str) -> str:
    """Markdown to HTML; raw HTML in the source is escaped, `$math$` kept for KaTeX."""
    html: str = _markdown().render(text)
    return html


def markdown_inline(text: str) -> str:
    """One line of Markdown (`code`, *emphasis*) without a paragraph around it."""
    html: str = _markdown().renderInline(text)
    return html


@dataclass(frozen=True)
class Block:
    """What templates/lesson.html reads of one block."""

    kind: str  # "prose", "cell" or "checkpoint"
    html: str = ""
    index: int = -1
    code: str = ""
    output: str | None = None
    figures: tuple[str, ...] = ()
    checkpoint: str = ""


class _PagePresenter:
    def prose(self, block: blocks.Prose) -> Block:
        return Block("prose", markdown_html(block.markdown))

    def cell(self, block: blocks.CodeCell) -> Block:
        cell = block.cell
        return Block(
            "cell",
            index=cell.index,
            code=cell.code.rstrip("\n"),
            output=cell.recorded.text,
            figures=tuple(name.rsplit("/", 1)[-1] for name in cell.recorded.figures),
        )

    def checkpoint(self, block: blocks.EmbeddedCheckpoint) -> Block:
        return Block("checkpoint", checkpoint=block.id)


@lru_cache(maxsize=128)
def lesson_blocks(lesson: Lesson) -> list[Block]:
    """The page's blocks, rendered once per lesson text (lessons are immutable values)."""
    presenter = _PagePresenter()
    return [block.present(presenter) for block in blocks.lesson_blocks(lesson)]
