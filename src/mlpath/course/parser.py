"""Parse a lesson file into a `Lesson`, with errors that name the file, the line and the fix."""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from mlpath import _yaml
from mlpath.course.model import (
    COMPARE_MODES,
    Cell,
    CellOptions,
    CheckpointRef,
    Lesson,
    LessonMeta,
    Recorded,
)
from mlpath.errors import LessonFormatError

CODE_LANGUAGE = "python"
OUTPUT_LANGUAGE = "output"
CHECKPOINT_DIRECTIVE = "{checkpoint}"

REQUIRED_KEYS = ("id", "title", "teaches", "needs", "minutes")
OPTIONAL_KEYS = ("requires-extras",)
CELL_OPTION_KEYS = ("compare", "figure-tolerance", "raises", "timeout", "tolerance")

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")


def _suggest(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


def _one_of(choices: tuple[str, ...]) -> str:
    return ", ".join(f"'{c}'" for c in choices)


def parse_lesson_file(path: Path) -> Lesson:
    """Read and parse one lesson file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LessonFormatError(path, 1, f"cannot read the file: {exc.strerror}") from exc
    try:
        # A byte-order mark (some Windows editors write one) is not part of the text.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LessonFormatError(
            path, line, "the file is not valid UTF-8; save it as UTF-8"
        ) from exc
    return parse_lesson(text, path)


def parse_lesson(text: str, path: Path) -> Lesson:
    """Parse lesson text. `path` is used for messages and to locate the figures folder."""
    lines = text.splitlines(keepends=True)
    meta, front_matter_end = _parse_front_matter(lines, path)
    # Blank out the front matter so markdown-it's line numbers are the file's line numbers.
    body = "\n" * front_matter_end + "".join(lines[front_matter_end:])
    cells, checkpoints = _parse_body(body, lines, path)
    return Lesson(
        path=path,
        meta=meta,
        cells=tuple(cells),
        checkpoints=tuple(checkpoints),
        text=text,
        front_matter_end=front_matter_end,
    )


def _parse_front_matter(lines: list[str], path: Path) -> tuple[LessonMeta, int]:
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise LessonFormatError(
            path,
            1,
            "expected front matter: the file must start with a line '---', then YAML "
            "with id, title, teaches, needs and minutes, then a line '---'",
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == "---"), None)
    if end is None:
        raise LessonFormatError(path, 1, "the front matter opened here is never closed by '---'")
    try:
        data = _yaml.safe_load("".join(lines[1:end]))
    except yaml.YAMLError as exc:
        # An unclosed bracket is reported at the end of the YAML; where it opened is more useful.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = 2 + (mark.line if mark is not None else 0)
        context = getattr(exc, "context", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if context:
            problem = f"{context}: {problem}"
        raise LessonFormatError(
            path, line, f"the front matter is not valid YAML: {problem}"
        ) from exc
    if not isinstance(data, dict):
        raise LessonFormatError(path, 2, "the front matter must be a YAML mapping (key: value)")
    return _meta_from(data, lines, end, path), end + 1


def _key_line(key: str, lines: list[str], end: int) -> int:
    for i in range(1, end):
        if lines[i].startswith(f"{key}:"):
            return i + 1
    return 1


def _meta_from(data: dict[str, Any], lines: list[str], end: int, path: Path) -> LessonMeta:
    allowed = REQUIRED_KEYS + OPTIONAL_KEYS
    for key in data:
        if key not in allowed:
            raise LessonFormatError(
                path,
                _key_line(str(key), lines, end),
                f"unknown front-matter key '{key}'; expected one of {_one_of(allowed)}."
                + _suggest(str(key), allowed),
            )
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise LessonFormatError(path, 1, f"the front matter is missing {_one_of(tuple(missing))}")

    def text_value(key: str) -> str:
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise LessonFormatError(
                path, _key_line(key, lines, end), f"'{key}' must be a non-empty string"
            )
        return value

    def id_list(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LessonFormatError(
                path,
                _key_line(key, lines, end),
                f"'{key}' must be a list of ids, like [la.vectors, la.dot-product]",
            )
        return tuple(value)

    lesson_id = text_value("id")
    if not _ID.match(lesson_id):
        raise LessonFormatError(
            path,
            _key_line("id", lines, end),
            f"'id' must be lower-case letters, digits, '.' and '-' (like la.dot-product); "
            f"got {lesson_id!r}",
        )
    minutes = data["minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        raise LessonFormatError(
            path,
            _key_line("minutes", lines, end),
            f"'minutes' must be a positive whole number; got {minutes!r}",
        )
    return LessonMeta(
        id=lesson_id,
        title=text_value("title"),
        teaches=id_list("teaches"),
        needs=id_list("needs"),
        minutes=minutes,
        requires_extras=id_list("requires-extras"),
    )


def parse_cell_options(option_text: str, path: Path, line: int) -> CellOptions:
    """Parse the words after `python` on a code fence, e.g. `raises=ValueError timeout=5`."""
    try:
        words = shlex.split(option_text)
    except ValueError as exc:
        raise LessonFormatError(path, line, f"cannot read the cell options: {exc}") from exc
    options = CellOptions()
    for word in words:
        key, sep, value = word.partition("=")
        if key not in CELL_OPTION_KEYS:
            raise LessonFormatError(
                path,
                line,
                f"unknown cell option '{key}'; expected one of {_one_of(CELL_OPTION_KEYS)}."
                + _suggest(key, CELL_OPTION_KEYS),
            )
        if not sep or not value:
            raise LessonFormatError(path, line, f"cell option '{key}' needs a value: {key}=...")
        options = _with_option(options, key, value, path, line)
    if options.tolerance != CellOptions.tolerance and options.compare == "exact":
        options = replace(options, compare="numeric")
    return options


def _number(key: str, value: str, path: Path, line: int, *, allow_zero: bool) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if number < 0 or (number == 0 and not allow_zero) or number != number:
        kind = "a non-negative number" if allow_zero else "a positive number"
        raise LessonFormatError(path, line, f"cell option '{key}' must be {kind}; got {value!r}")
    return number


def _with_option(options: CellOptions, key: str, value: str, path: Path, line: int) -> CellOptions:
    if key == "raises":
        if not _IDENTIFIER.match(value):
            raise LessonFormatError(
                path, line, f"'raises' must name an exception class, like ValueError; got {value!r}"
            )
        return replace(options, raises=value)
    if key == "compare":
        for mode in COMPARE_MODES:
            if value == mode:
                return replace(options, compare=mode)
        raise LessonFormatError(
            path,
            line,
            f"cell option 'compare': expected one of {_one_of(COMPARE_MODES)}; got {value!r}."
            + _suggest(value, COMPARE_MODES),
        )
    if key == "tolerance":
        return replace(options, tolerance=_number(key, value, path, line, allow_zero=True))
    if key == "timeout":
        return replace(options, timeout=_number(key, value, path, line, allow_zero=False))
    return replace(options, figure_tolerance=_number(key, value, path, line, allow_zero=True))


@dataclass
class _PendingCell:
    index: int
    line: int
    code: str
    option_text: str
    options: CellOptions
    fence_end: int
    recorded_text: str | None = None
    result_end: int | None = None


@cache
def _block_parser() -> MarkdownIt:
    """CommonMark block structure only: fences are all a lesson's parse needs, and skipping the
    inline rules (emphasis, links, ...) makes parsing about three times faster."""
    parser = MarkdownIt("commonmark")
    parser.core.ruler.disable(["inline", "text_join"])
    return parser


def _figure_pattern(path: Path) -> re.Pattern[str]:
    folder = re.escape(f"{path.stem}.figures/")
    return re.compile(r"^!\[[^\]\n]*\]\((" + folder + r"[^)\s]+)\)[ \t]*\r?$")


def _parse_body(body: str, lines: list[str], path: Path) -> tuple[list[Cell], list[CheckpointRef]]:
    tokens = _block_parser().parse(body)
    cells: list[Cell] = []
    checkpoints: list[CheckpointRef] = []
    pending: _PendingCell | None = None
    figure_line = _figure_pattern(path)

    def finish(cell: _PendingCell) -> None:
        start = cell.fence_end
        end = cell.result_end if cell.result_end is not None else start
        figures: list[str] = []
        scan = end
        while scan < len(lines):
            stripped = lines[scan].strip()
            match = figure_line.match(lines[scan].rstrip("\n"))
            if match:
                figures.append(match.group(1))
                end = scan + 1
            elif stripped:
                break
            scan += 1
        if end == start:
            recorded = Recorded()
        else:
            recorded = Recorded(text=cell.recorded_text, figures=tuple(figures))
        cells.append(
            Cell(
                index=cell.index,
                line=cell.line,
                code=cell.code,
                option_text=cell.option_text,
                options=cell.options,
                recorded=recorded,
                result_start=start,
                result_end=end,
            )
        )

    for token in tokens:
        if token.type not in ("fence", "code_block") or token.map is None:
            continue
        begin, stop = token.map
        if token.type == "code_block":
            continue  # indented code is prose; only fenced cells run
        language, _, rest = token.info.strip().partition(" ")
        if language in (CODE_LANGUAGE, OUTPUT_LANGUAGE):
            _check_fence(token.markup, begin, stop, lines, path)
        if language == OUTPUT_LANGUAGE:
            between = lines[pending.fence_end : begin] if pending else []
            if (
                pending is None
                or pending.recorded_text is not None
                or any(line.strip() for line in between)
            ):
                raise LessonFormatError(
                    path,
                    begin + 1,
                    "an output block must come right after a python code cell (only blank lines "
                    "between), and a cell has at most one; move it under its cell or delete it",
                )
            if rest.strip():
                raise LessonFormatError(
                    path, begin + 1, f"an output block takes no options; got {rest.strip()!r}"
                )
            pending.recorded_text = token.content
            pending.result_end = stop
            continue
        if pending is not None:
            finish(pending)
            pending = None
        if language == CODE_LANGUAGE:
            _check_closed_before_next_fence(token.content, token.markup, begin, path)
            pending = _PendingCell(
                index=len(cells),
                line=begin + 1,
                code=token.content,
                option_text=rest.strip(),
                options=parse_cell_options(rest, path, begin + 1),
                fence_end=stop,
            )
        elif language == CHECKPOINT_DIRECTIVE:
            checkpoint_id = rest.strip()
            if not checkpoint_id or " " in checkpoint_id:
                raise LessonFormatError(
                    path,
                    begin + 1,
                    "a checkpoint directive needs exactly one id, like "
                    "```{checkpoint} la.dot-product.implement",
                )
            checkpoints.append(CheckpointRef(id=checkpoint_id, line=begin + 1))
    if pending is not None:
        finish(pending)
    return cells, checkpoints


def _check_fence(markup: str, begin: int, stop: int, lines: list[str], path: Path) -> None:
    if not lines[begin].startswith(markup):
        raise LessonFormatError(
            path, begin + 1, "code and output fences must start at the beginning of the line"
        )
    closing = lines[stop - 1].strip() if stop - 1 > begin else ""
    if stop - 1 <= begin or not closing.startswith(markup) or closing.strip(markup[0]):
        raise LessonFormatError(
            path,
            begin + 1,
            f"the fence opened here with {markup} is never closed; add a line "
            f"{markup} after the block",
        )


def _check_closed_before_next_fence(code: str, markup: str, begin: int, path: Path) -> None:
    """A cell whose closing fence is missing swallows the prose and fences after it, up to the
    next bare fence; its code then holds a fence line, which no Python cell has."""
    for offset, line in enumerate(code.splitlines(), start=1):
        if line.startswith(markup[0] * 3):
            raise LessonFormatError(
                path,
                begin + 1,
                f"the python cell opened here is not closed before line {begin + 1 + offset} "
                f"({line.strip()[:20]}); add a line {markup} after its code",
            )
