"""Export a lesson to a Jupyter notebook, with the outputs its cells produce."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import nbformat
from nbformat import v4

from mlpath.config import Settings
from mlpath.course import blocks
from mlpath.course.model import Lesson
from mlpath.errors import MlpathError
from mlpath.run.results import CellResult, ProgramResult

if TYPE_CHECKING:
    from mlpath.grade.model import Checkpoint
    from mlpath.verify.runner import LessonOutcome

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


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


class _NotebookPresenter:
    """Each block as notebook cells: prose as Markdown, cells with the outputs of a real run,
    checkpoints as a prompt and a code cell ready for the learner's answer."""

    def __init__(self, result: ProgramResult, checkpoints: Mapping[str, Checkpoint]) -> None:
        self.results = dict(enumerate(result.cells))
        self.checkpoints = checkpoints

    def prose(self, block: blocks.Prose) -> list[Any]:
        return [v4.new_markdown_cell(block.markdown)]

    def cell(self, block: blocks.CodeCell) -> list[Any]:
        cell = block.cell
        count = cell.index + 1
        code_cell = v4.new_code_cell(cell.code.rstrip("\n"), execution_count=count)
        cell_result = self.results.get(cell.index)
        code_cell.outputs = _outputs(cell_result, count) if cell_result else []
        if cell.options.raises:
            code_cell.metadata["tags"] = ["raises-exception"]
        return [code_cell]

    def checkpoint(self, block: blocks.EmbeddedCheckpoint) -> list[Any]:
        checkpoint = self.checkpoints.get(block.id)
        if checkpoint is None:
            note = f"*Checkpoint `{block.id}` is not defined in this version of mlpath.*"
            return [v4.new_markdown_cell(note)]
        # An `implement` checkpoint grades the function; the other kinds grade `answer`.
        graded = checkpoint.function or "answer"
        code = (
            f"from mlpath import check\n\n{checkpoint.starter.strip()}\n\n\n"
            f"check({json.dumps(checkpoint.id)}, {graded})"
        )
        answer = v4.new_code_cell(code)
        # The cell needs the learner's work, so a test run of the notebook must not run it.
        answer.metadata["tags"] = ["nbval-skip"]
        prompt = f"**Checkpoint `{checkpoint.id}`**\n\n{checkpoint.task}"
        return [v4.new_markdown_cell(prompt), answer]


def lesson_to_notebook(
    lesson: Lesson, result: ProgramResult, checkpoints: Mapping[str, Checkpoint]
) -> Any:
    """The lesson's blocks as notebook cells; outputs come from a real run of its code."""
    notebook = v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["mlpath"] = {"lesson": lesson.meta.id}
    presenter = _NotebookPresenter(result, checkpoints)
    cells: list[Any] = []
    for block in blocks.lesson_blocks(lesson):
        cells += block.present(presenter)
    if not (cells and cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")):
        cells.insert(0, v4.new_markdown_cell(f"# {lesson.meta.title}"))
    notebook.cells = cells
    nbformat.validate(notebook)
    return notebook


def export_lesson(
    lesson: Lesson, settings: Settings, checkpoints: Mapping[str, Checkpoint]
) -> tuple[str, LessonOutcome]:
    """Run (or take from the cache) and verify a lesson, then render it as notebook JSON.

    The notebook holds what the code prints now; the returned outcome says whether that still
    matches the lesson's record.
    """
    from mlpath.verify.runner import verify

    (outcome,) = verify([lesson.path], settings).outcomes
    if outcome.error or outcome.result is None or outcome.lesson is None:
        raise MlpathError(outcome.error or outcome.skipped or f"{lesson.path} could not be run")
    notebook = lesson_to_notebook(outcome.lesson, outcome.result, checkpoints)
    return nbformat.writes(notebook), outcome
