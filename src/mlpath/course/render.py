"""Lesson text for reading outside the web app: checkpoints become the commands that run them."""

from __future__ import annotations

from mlpath.course.model import Lesson


def terminal_markdown(lesson: Lesson) -> str:
    """The lesson body as Markdown, each checkpoint directive replaced by how to attempt it."""
    lines = lesson.text.splitlines()
    replaced: dict[int, str] = {}
    for ref in lesson.checkpoints:
        replaced[ref.line - 1] = (
            f"**Checkpoint `{ref.id}`**: `mlpath hint {ref.id}` shows the task; "
            f"`mlpath check {ref.id} YOUR_FILE.py` grades it."
        )
    out: list[str] = []
    skip_closing = False
    for index in range(lesson.front_matter_end, len(lines)):
        if skip_closing:
            skip_closing = False
            if lines[index].strip().startswith("```"):
                continue
        if index in replaced:
            out.append(replaced[index])
            skip_closing = True
            continue
        out.append(lines[index])
    return "\n".join(out)
