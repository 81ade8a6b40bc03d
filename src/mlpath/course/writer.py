"""Write new recorded results into a lesson, touching nothing else.

Only the line ranges of the cells given are replaced; every other byte of the file is kept, so a
lesson whose results did not change is written back byte for byte.
"""

from __future__ import annotations

import re

from mlpath.course.model import Lesson, Recorded

_BACKTICK_RUN = re.compile(r"`{3,}")
_FIGURE_NUMBER = re.compile(r"fig-(\d+)\.png$")


def _newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _fence_for(text: str) -> str:
    """A fence longer than any backtick run inside the output, so the output cannot close it."""
    longest = max((len(m.group(0)) for m in _BACKTICK_RUN.finditer(text)), default=2)
    return "`" * max(3, longest + 1)


def render_results(recorded: Recorded, nl: str = "\n") -> str:
    """The canonical text of a cell's results region (empty when nothing is recorded)."""
    parts: list[str] = []
    if recorded.text:
        body = recorded.text.rstrip("\n")
        fence = _fence_for(body)
        parts.append(f"{nl}{fence}output{nl}{body.replace(chr(10), nl)}{nl}{fence}{nl}")
    for position, figure in enumerate(recorded.figures, start=1):
        # Figures are numbered across the lesson by their file name (fig-3.png is Figure 3).
        match = _FIGURE_NUMBER.search(figure)
        number = match.group(1) if match else str(position)
        parts.append(f"{nl}![Figure {number}]({figure}){nl}")
    return "".join(parts)


def write_results(lesson: Lesson, updates: dict[int, Recorded]) -> str:
    """Return the lesson text with the results of the cells in `updates` replaced.

    Args:
        lesson: the parsed lesson (its `text` is the file as read).
        updates: cell index -> the results to record for that cell.
    """
    lines = lesson.text.splitlines(keepends=True)
    nl = _newline_of(lesson.text)
    for cell in sorted(lesson.cells, key=lambda c: c.index, reverse=True):
        if cell.index not in updates:
            continue
        rendered = render_results(updates[cell.index], nl)
        before = lines[cell.result_start - 1] if cell.result_start > 0 else ""
        if rendered and before and not before.endswith("\n"):
            rendered = nl + rendered
        lines[cell.result_start : cell.result_end] = [rendered] if rendered else []
    return "".join(lines)
