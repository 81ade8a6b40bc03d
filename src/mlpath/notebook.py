"""Export a lesson to a Jupyter notebook, with the outputs its cells produce."""

from __future__ import annotations

import base64
import re
from typing import TYPE_CHECKING, Any

import nbformat
from nbformat import v4

from mlpath.config import Settings
from mlpath.course.model import Lesson
from mlpath.errors import MlpathError
from mlpath.run.results import CellResult, ProgramResult

if TYPE_CHECKING:
    from mlpath.verify.runner import LessonOutcome

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _markdown(lesson: Lesson, start: int, end: int) -> str:
    lines = lesson.text.splitlines()[start:end]
    return "\n".join(lines).strip("\n")


def _outputs(result: CellResult, count: int) -> list[Any]:
    outputs: list[Any] = []
    for name, text in result.streams:
        outputs.append(v4.new_output("stream", name=name, text=text))
    if result.value is not None:
        outputs.append(
            v4.new_output(
                "execute_result", data={"text/plain": result.value}, execution_count=count
            )
        )
    texts = result.figure_texts or ("<Figure>",) * len(result.figures)
    for png, text in zip(result.figures, texts, strict=True):
        outputs.append(
            v4.new_output(
                "display_data",
                data={"image/png": base64.b64encode(png).decode("ascii"), "text/plain": text},
            )
        )
    if result.error is not None:
        name, _, value = result.error.summary.partition(": ")
        outputs.append(
            v4.new_output(
                "error",
                ename=result.error.type_name,
                evalue=value or name,
                traceback=_ANSI.sub("", result.error.traceback).splitlines(),
            )
        )
    return outputs


def lesson_to_notebook(lesson: Lesson, result: ProgramResult) -> Any:
    """Markdown cells for the prose, code cells with outputs; results come from a real run."""
    notebook = v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["mlpath"] = {"lesson": lesson.meta.id}
    cells: list[Any] = [v4.new_markdown_cell(f"# {lesson.meta.title}")]
    position = lesson.front_matter_end
    for cell, cell_result in zip(lesson.cells, result.cells, strict=False):
        prose = _markdown(lesson, position, cell.line - 1)
        if prose:
            cells.append(v4.new_markdown_cell(prose))
        count = cell.index + 1
        code_cell = v4.new_code_cell(cell.code.rstrip("\n"), execution_count=count)
        code_cell.outputs = _outputs(cell_result, count)
        if cell.options.raises:
            code_cell.metadata["tags"] = ["raises-exception"]
        cells.append(code_cell)
        position = cell.result_end
    tail = _markdown(lesson, position, len(lesson.text.splitlines()))
    if tail:
        cells.append(v4.new_markdown_cell(tail))
    notebook.cells = cells
    nbformat.validate(notebook)
    return notebook


def export_lesson(lesson: Lesson, settings: Settings) -> tuple[str, LessonOutcome]:
    """Run (or take from the cache) and verify a lesson, then render it as notebook JSON.

    The notebook holds what the code prints now; the returned outcome says whether that still
    matches the lesson's record.
    """
    from mlpath.verify.runner import verify

    (outcome,) = verify([lesson.path], settings).outcomes
    if outcome.error or outcome.result is None or outcome.lesson is None:
        raise MlpathError(outcome.error or outcome.skipped or f"{lesson.path} could not be run")
    notebook = lesson_to_notebook(outcome.lesson, outcome.result)
    return nbformat.writes(notebook), outcome
