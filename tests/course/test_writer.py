from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mlpath.course.model import Recorded
from mlpath.course.parser import parse_lesson
from mlpath.course.writer import render_results, write_results
from tests.conftest import PILOT_MODULE

FRONT = "---\nid: la.x\ntitle: X\nteaches: [la.vectors]\nneeds: []\nminutes: 5\n---\n"
PATH = Path("lesson.md")


def test_pilot_lessons_round_trip_byte_for_byte() -> None:
    for path in sorted(PILOT_MODULE.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        lesson = parse_lesson(text, path)
        unchanged = {cell.index: cell.recorded for cell in lesson.cells}
        assert write_results(lesson, {}) == text
        assert write_results(lesson, unchanged) == text, path


def test_only_the_updated_block_changes() -> None:
    text = (
        FRONT + "Intro\n\n```python\nprint(1)\n```\n\n```output\n1\n```\n\nMiddle\n\n"
        "```python\nprint(2)\n```\n\n```output\n2\n```\n\nEnd\n"
    )
    lesson = parse_lesson(text, PATH)
    new = write_results(lesson, {1: Recorded(text="3\n")})
    assert new == text.replace("```output\n2\n```", "```output\n3\n```")


def test_output_added_and_removed() -> None:
    text = FRONT + "```python\nx = 1\n```\nAfter\n"
    lesson = parse_lesson(text, PATH)
    added = write_results(lesson, {0: Recorded(text="hello\n")})
    assert added == FRONT + "```python\nx = 1\n```\n\n```output\nhello\n```\nAfter\n"
    removed = write_results(parse_lesson(added, PATH), {0: Recorded()})
    assert removed == text


def test_output_holding_a_fence_gets_a_longer_fence() -> None:
    rendered = render_results(Recorded(text="```\ninside\n```\n"))
    assert rendered.startswith("\n````output\n")
    lesson = parse_lesson(FRONT + "```python\nx\n```\n" + rendered, PATH)
    assert lesson.cells[0].recorded.text == "```\ninside\n```\n"


def test_crlf_files_keep_their_line_endings() -> None:
    text = (FRONT + "```python\nprint(1)\n```\n").replace("\n", "\r\n")
    lesson = parse_lesson(text, PATH)
    assert write_results(lesson, {}) == text
    new = write_results(lesson, {0: Recorded(text="1\n")})
    assert "\r\n```output\r\n1\r\n```\r\n" in new
    assert "\n" not in new.replace("\r\n", "")


# Property: any lesson built from prose, cells and results parses back to what was written,
# round-trips byte for byte, and rewriting outputs leaves everything else in place.
_words = st.text(alphabet=string.ascii_letters + string.digits + " .,$=+-*()", max_size=40)
_prose = st.lists(
    _words.filter(lambda s: not s.strip().startswith(("-", "+", "*")) or not s), max_size=3
).map(lambda lines: "\n".join(f"Text {line}" for line in lines))
_code = st.lists(_words, min_size=1, max_size=4).map(
    lambda lines: "\n".join(f"x = {line!r}" for line in lines) + "\n"
)
_output = st.one_of(
    st.none(),
    st.lists(
        st.text(
            alphabet=string.printable.replace("\r", "").replace("\x0b", "").replace("\x0c", ""),
            min_size=1,
            max_size=30,
        )
        .map(str.rstrip)
        .filter(bool),
        min_size=1,
        max_size=4,
    ).map(lambda lines: "\n".join(lines) + "\n"),
)
_figures = st.integers(min_value=0, max_value=2)
_cell = st.tuples(_prose, _code, _output, _figures)


def _build(cells: list[tuple[str, str, str | None, int]]) -> tuple[str, list[Recorded]]:
    parts = [FRONT]
    recorded: list[Recorded] = []
    figure = 0
    for prose, code, output, figures in cells:
        parts.append(f"\n{prose}\n\n```python\n{code}```\n")
        names = []
        for _ in range(figures):
            figure += 1
            names.append(f"lesson.figures/fig-{figure}.png")
        record = Recorded(text=output, figures=tuple(names))
        parts.append(render_results(record))
        recorded.append(record if not record.empty else Recorded())
    parts.append("\nThe end.\n")
    return "".join(parts), recorded


@settings(max_examples=150, deadline=None)
@given(st.lists(_cell, min_size=1, max_size=5), st.lists(_output, min_size=5, max_size=5))
def test_round_trip_property(
    cells: list[tuple[str, str, str | None, int]], new_outputs: list[str | None]
) -> None:
    text, recorded = _build(cells)
    lesson = parse_lesson(text, PATH)
    assert [c.recorded for c in lesson.cells] == recorded
    assert [c.code for c in lesson.cells] == [code for _, code, _, _ in cells]
    assert write_results(lesson, {c.index: c.recorded for c in lesson.cells}) == text

    updates = {i: Recorded(text=new_outputs[i]) for i in range(len(lesson.cells))}
    rewritten = write_results(lesson, updates)
    again = parse_lesson(rewritten, PATH)
    assert [c.recorded.text for c in again.cells] == [u.text for u in updates.values()]
    assert [c.code for c in again.cells] == [c.code for c in lesson.cells]
    restored = write_results(again, {i: r for i, r in enumerate(recorded)})
    assert restored == text
