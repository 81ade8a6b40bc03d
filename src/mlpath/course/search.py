"""Search the course by words: every lesson section in an in-memory SQLite FTS5 index.

A section is a heading and what follows it up to the next heading (prose, and the code of its
cells), with the same anchor the web page gives the heading, so a hit links straight to it.
Ranking is FTS5's BM25, with headings and lesson titles weighted above body text.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

from mlpath.course.blocks import CodeCell, Prose, lesson_blocks
from mlpath.course.model import Lesson

_WORD = re.compile(r"\w+", re.UNICODE)
# Marks around matched words in a snippet; characters lesson text does not use.
_OPEN, _CLOSE = "\u27e6", "\u27e7"
# BM25 weights per column, in the table's order: lesson title, heading, text (the last two
# columns are stored, not searched).
_RANKING = "bm25(sections, 4.0, 3.0, 1.0, 0.0, 0.0)"


@dataclass(frozen=True)
class Section:
    lesson_id: str
    lesson_title: str
    heading: str
    anchor: str
    text: str


@dataclass(frozen=True)
class Hit:
    section: Section
    snippet: str

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is a matched word) pieces, for a presenter to mark up."""
        pieces: list[tuple[str, bool]] = []
        for index, piece in enumerate(re.split(f"[{_OPEN}{_CLOSE}]", self.snippet)):
            if piece:
                pieces.append((piece, index % 2 == 1))
        return pieces

    @property
    def url(self) -> str:
        anchor = f"#{self.section.anchor}" if self.section.anchor else ""
        return f"/lessons/{self.section.lesson_id}{anchor}"


@cache
def _parser() -> MarkdownIt:
    # The web page's heading ids come from the same plugin and settings (web/render.py).
    return (
        MarkdownIt("commonmark")
        .use(dollarmath_plugin)
        .use(anchors_plugin, min_level=1, max_level=4)
        .enable("table")
    )


def lesson_sections(lesson: Lesson) -> list[Section]:
    """The lesson cut at its headings; text before the first heading belongs to the title."""
    sections: list[Section] = []
    heading, anchor = lesson.meta.title, ""
    parts: list[str] = []

    def close() -> None:
        text = " ".join(" ".join(parts).split())
        if text:
            sections.append(Section(lesson.meta.id, lesson.meta.title, heading, anchor, text))

    for block in lesson_blocks(lesson):
        if isinstance(block, CodeCell):
            parts.append(block.cell.code)
            continue
        if not isinstance(block, Prose):
            continue
        tokens = _parser().parse(block.markdown)
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                close()
                heading = tokens[index + 1].content
                anchor = str(token.attrs.get("id", ""))
                parts = []
            elif _is_text(token.type, tokens[index - 1].type if index else ""):
                parts.append(token.content)
    close()
    return sections


def lesson_headings(lesson: Lesson) -> list[tuple[int, str, str]]:
    """(level, heading, anchor) of every heading below the title, in order: a table of
    contents whose anchors are the page's."""
    found = []
    for block in lesson_blocks(lesson):
        if not isinstance(block, Prose):
            continue
        tokens = _parser().parse(block.markdown)
        for index, token in enumerate(tokens):
            level = int(token.tag[1:]) if token.type == "heading_open" else 0
            if level >= 2:
                found.append((level, tokens[index + 1].content, str(token.attrs.get("id", ""))))
    return found


def _is_text(kind: str, before: str) -> bool:
    """Searchable content: paragraphs and list items (not the heading's own inline), math and
    code blocks."""
    if kind == "inline":
        return before != "heading_open"
    return kind in ("math_block", "code_block", "fence")


class SearchIndex:
    """Every section of the given lessons, searchable by words."""

    def __init__(self, lessons: Iterable[Lesson]) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "create virtual table sections using fts5("
            "lesson_title, heading, text, lesson_id unindexed, anchor unindexed, "
            "tokenize = 'porter unicode61')"
        )
        self._db.executemany(
            "insert into sections (lesson_title, heading, text, lesson_id, anchor) "
            "values (?, ?, ?, ?, ?)",
            [
                (s.lesson_title, s.heading, s.text, s.lesson_id, s.anchor)
                for lesson in lessons
                for s in lesson_sections(lesson)
            ],
        )

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Sections holding every word of the query, best first; failing that, any word."""
        words = _WORD.findall(query.lower())
        if not words:
            return []
        quoted = [f'"{word}"' for word in words]
        hits = self._run(" ".join(quoted), limit)
        return hits or self._run(" OR ".join(quoted), limit)

    def _run(self, match: str, limit: int) -> list[Hit]:
        rows = self._db.execute(
            "select lesson_id, lesson_title, heading, anchor, text, "
            f"snippet(sections, 2, '{_OPEN}', '{_CLOSE}', ' … ', 16) "
            f"from sections where sections match ? order by {_RANKING} limit ?",
            (match, limit),
        ).fetchall()
        return [Hit(Section(*row[:5]), row[5]) for row in rows]
