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
    prose: str = ""  # the text without the code of its cells


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
    prose: list[str] = []

    def close() -> None:
        text = " ".join(" ".join(parts).split())
        if text:
            words = " ".join(" ".join(prose).split())
            sections.append(
                Section(lesson.meta.id, lesson.meta.title, heading, anchor, text, words)
            )

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
                parts, prose = [], []
            elif _is_text(token.type, tokens[index - 1].type if index else ""):
                parts.append(token.content)
                if token.type in ("inline", "math_block"):
                    prose.append(token.content)
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
        self.sections = [s for lesson in lessons for s in lesson_sections(lesson)]
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "create virtual table sections using fts5("
            "lesson_title, heading, text, lesson_id unindexed, anchor unindexed, "
            "tokenize = 'porter unicode61')"
        )
        # rowid = position in self.sections + 1
        self._db.executemany(
            "insert into sections (rowid, lesson_title, heading, text, lesson_id, anchor) "
            "values (?, ?, ?, ?, ?, ?)",
            [
                (index + 1, s.lesson_title, s.heading, s.text, s.lesson_id, s.anchor)
                for index, s in enumerate(self.sections)
            ],
        )

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Sections holding every word of the query, best first; failing that, any word."""
        quoted = _quoted_words(query)
        if not quoted:
            return []
        ranked = self._run(" ".join(quoted), limit) or self._run(" OR ".join(quoted), limit)
        return [Hit(self.sections[index], snippet) for index, snippet in ranked]

    def rank_words(self, query: str, depth: int) -> list[tuple[int, str]]:
        """(section index, snippet) of the `depth` best sections holding any word of the
        query, by BM25: the word half of a hybrid search."""
        quoted = _quoted_words(query)
        return self._run(" OR ".join(quoted), depth) if quoted else []

    def plain_hit(self, index: int, query: str) -> Hit:
        """A hit for a section found by meaning alone: its text around the first query word
        it holds, or its opening words."""
        section = self.sections[index]
        words = section.text.split()
        wanted = {word for word in _WORD.findall(query.lower()) if len(word) > 2}
        matched = ["".join(_WORD.findall(word.lower())) in wanted for word in words]
        first = matched.index(True) if True in matched else 0
        start = max(0, first - 6)
        window = range(start, min(start + 16, len(words)))
        marked = [f"{_OPEN}{words[i]}{_CLOSE}" if matched[i] else words[i] for i in window]
        prefix = "… " if start else ""
        suffix = " …" if start + 16 < len(words) else ""
        return Hit(section, prefix + " ".join(marked) + suffix)

    def _run(self, match: str, limit: int) -> list[tuple[int, str]]:
        rows = self._db.execute(
            f"select rowid, snippet(sections, 2, '{_OPEN}', '{_CLOSE}', ' … ', 16) "
            f"from sections where sections match ? order by {_RANKING} limit ?",
            (match, limit),
        ).fetchall()
        return [(rowid - 1, snippet) for rowid, snippet in rows]


def _quoted_words(query: str) -> list[str]:
    return [f'"{word}"' for word in _WORD.findall(query.lower())]
