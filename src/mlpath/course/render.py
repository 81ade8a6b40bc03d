"""Lessons, prompts and hints as Markdown for the terminal, where Rich renders it.

The terminal shows no LaTeX: `$...$` and `$$...$$` become Unicode text (‖u‖, Σᵢ, a/b), escaped so
that Rich's Markdown prints it as it is. Code cells and their recorded outputs are code blocks, and
a checkpoint says how to attempt it from the terminal.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from mlpath.course import blocks
from mlpath.course.math_text import latex_to_unicode
from mlpath.course.model import Lesson


class CheckpointText(Protocol):
    """What the terminal shows of a checkpoint (`mlpath.grade.model.Checkpoint` has it)."""

    @property
    def id(self) -> str: ...

    @property
    def task(self) -> str: ...

    @property
    def starter(self) -> str: ...

    @property
    def function(self) -> str: ...

    @property
    def hints(self) -> tuple[str, ...]: ...


# Code is never math: fenced blocks and code spans are skipped, as is an escaped character such as
# `\$`. Inline math follows the rules the web page's Markdown uses: no space just inside the
# dollars, no digit right after the closing one (`$5 and $6` is money), and, as a paragraph
# ends at a blank line, no blank line inside.
_MARKDOWN_PIECE = re.compile(
    r"(?P<fence>^[ \t]*(?P<marker>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*(?P=marker)[ \t]*$|\Z))"
    r"|(?P<code>(?P<ticks>`+)[^`].*?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<escaped>\\.)"
    r"|\$\$(?P<display>.+?)\$\$"
    r"|\$(?P<inline>[^\s$](?:(?:[^$\n]|\n(?![ \t]*\n))*?[^\s$\\])?)\$(?!\d)",
    re.MULTILINE | re.DOTALL,
)
# A formula that runs over lines of a block quote carries the quote's `>` markers.
_QUOTE_CONTINUATION = re.compile(r"\n[ \t]*>[ \t]?")
_MARKDOWN_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def terminal_text(markdown: str) -> str:
    """`markdown` with its math as Unicode text that Rich's Markdown shows exactly as written."""

    def replace(match: re.Match[str]) -> str:
        latex = match.group("display") or match.group("inline")
        if latex is None:
            return match.group(0)
        text = latex_to_unicode(_QUOTE_CONTINUATION.sub("\n", latex))
        # Markdown would read `*`, `_`, `|` or a leading `-` in the result; any ASCII punctuation
        # may be backslash-escaped in CommonMark. A line break in the formula is a hard break.
        return "\\\n".join(_MARKDOWN_PUNCTUATION.sub(r"\\\1", line) for line in text.split("\n"))

    return _OPTIONS_ON_ONE_LINE.sub(_options_as_lines, _MARKDOWN_PIECE.sub(replace, markdown))


# "a) (5, 3)    b) (6, 6)    c) ...": choice options spaced apart on one line, which Markdown
# runs together; in the terminal each goes on a line of its own.
_OPTIONS_ON_ONE_LINE = re.compile(r"^[ \t]*a\) .*?\s{2,}b\) .*$", re.MULTILINE)


def _options_as_lines(match: re.Match[str]) -> str:
    options = re.split(r"\s{2,}(?=[b-z]\) )", match.group(0).strip())
    return "\\\n".join(options)


def _code_block(text: str, language: str) -> str:
    """A fenced block that no run of backticks inside `text` can close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def _attempt_file(checkpoint: CheckpointText) -> str:
    return f"{checkpoint.function or 'answer'}.py"


def checkpoint_markdown(checkpoint: CheckpointText) -> str:
    """A checkpoint in a lesson read in the terminal: the task, a starter file, the commands."""
    return "\n\n".join(
        [
            f"**Checkpoint `{checkpoint.id}`**",
            terminal_text(checkpoint.task),
            f"Write your answer in a file such as `{_attempt_file(checkpoint)}`, starting from:",
            _code_block(checkpoint.starter, "python"),
            f"`mlpath hint {checkpoint.id}` gives a hint; "
            f"`mlpath check {checkpoint.id} {_attempt_file(checkpoint)}` grades your file.",
        ]
    )


def hint_markdown(
    checkpoint: CheckpointText, level: int, hints: Sequence[str] | None = None
) -> str:
    """What `mlpath hint` shows: the task and the first `level` hints (`hints`: the learner's,
    which end in the fix of their last mistake; default: the checkpoint's own)."""
    hints = checkpoint.hints if hints is None else hints
    parts = [f"**{checkpoint.id}**", terminal_text(checkpoint.task)]
    shown = hints[:level]
    parts += [f"**Hint {number}:** {terminal_text(hint)}" for number, hint in enumerate(shown, 1)]
    if not hints:
        parts.append("This checkpoint has no hints.")
    elif level < len(hints):
        parts.append(f"(more: `mlpath hint {checkpoint.id} --level {level + 1}`)")
    return "\n\n".join(parts)


class _TerminalPresenter:
    def __init__(self, folder: Path, checkpoints: Mapping[str, CheckpointText]) -> None:
        self.folder = folder
        self.checkpoints = checkpoints

    def prose(self, block: blocks.Prose) -> str:
        return terminal_text(block.markdown)

    def cell(self, block: blocks.CodeCell) -> str:
        recorded = block.cell.recorded
        parts = [_code_block(block.cell.code, "python")]
        if recorded.text:
            parts.append(_code_block(recorded.text, "text"))
        for name in recorded.figures:
            path = _MARKDOWN_PUNCTUATION.sub(r"\\\1", str(self.folder / name))
            parts.append(f"*Figure:* {path}")
        return "\n\n".join(parts)

    def checkpoint(self, block: blocks.EmbeddedCheckpoint) -> str:
        checkpoint = self.checkpoints.get(block.id)
        if checkpoint is None:
            return f"*Checkpoint `{block.id}` is not defined in this version of mlpath.*"
        return checkpoint_markdown(checkpoint)


def terminal_markdown(lesson: Lesson, checkpoints: Mapping[str, CheckpointText]) -> str:
    """The lesson body as Markdown for Rich: prose with Unicode math, cells with their recorded
    outputs, and each checkpoint as how to attempt it."""
    presenter = _TerminalPresenter(lesson.path.parent, checkpoints)
    return "\n\n".join(block.present(presenter) for block in blocks.lesson_blocks(lesson))
