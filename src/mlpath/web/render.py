"""A lesson as blocks for the page: prose as HTML (math left for KaTeX), cells, checkpoints."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

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


@dataclass(frozen=True)
class Block:
    kind: str  # "prose", "cell" or "checkpoint"
    html: str = ""
    index: int = -1
    code: str = ""
    output: str | None = None
    figures: tuple[str, ...] = ()
    checkpoint: str = ""


@lru_cache(maxsize=128)
def lesson_blocks(lesson: Lesson) -> list[Block]:
    """The page's blocks, rendered once per lesson text (lessons are immutable values)."""
    return _lesson_blocks(lesson)


def _lesson_blocks(lesson: Lesson) -> list[Block]:
    lines = lesson.text.splitlines()
    directives = {ref.line - 1: ref.id for ref in lesson.checkpoints}
    blocks: list[Block] = []
    position = lesson.front_matter_end

    def prose(start: int, end: int) -> None:
        chunk: list[str] = []
        index = start
        while index < end:
            if index in directives:
                if "".join(chunk).strip():
                    blocks.append(Block("prose", markdown_html("\n".join(chunk))))
                chunk = []
                blocks.append(Block("checkpoint", checkpoint=directives[index]))
                index += 2  # the directive and its closing fence
                continue
            chunk.append(lines[index])
            index += 1
        if "".join(chunk).strip():
            blocks.append(Block("prose", markdown_html("\n".join(chunk))))

    for cell in lesson.cells:
        prose(position, cell.line - 1)
        names = tuple(name.rsplit("/", 1)[-1] for name in cell.recorded.figures)
        blocks.append(
            Block(
                "cell",
                index=cell.index,
                code=cell.code.rstrip("\n"),
                output=cell.recorded.text,
                figures=names,
            )
        )
        position = cell.result_end
    prose(position, len(lines))
    return blocks
