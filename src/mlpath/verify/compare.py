"""Turn a cell's results into its output text, and compare that with the recorded text.

The only normalisations (documented in docs/lesson-format.md): memory addresses become `0x?`;
trailing whitespace on each line and trailing blank lines are removed.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

from mlpath.course.model import Cell, CellOptions
from mlpath.run.results import CellResult

_ADDRESS = re.compile(r"0x[0-9a-fA-F]{4,}")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?\b(?:nan|inf)\b")


def normalize(text: str | None) -> str:
    if not text:
        return ""
    lines = [_ADDRESS.sub("0x?", line).rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def output_text(result: CellResult, options: CellOptions) -> str:
    """What the output block of this cell should hold: streams, trailing value, expected error."""
    parts = ["".join(text for _, text in result.streams)]
    if result.value is not None:
        if parts[0] and not parts[0].endswith("\n"):
            parts.append("\n")
        parts.append(result.value + "\n")
    if options.raises and result.error is not None and result.error.is_a(options.raises):
        if "".join(parts) and not "".join(parts).endswith("\n"):
            parts.append("\n")
        parts.append(result.error.summary + "\n")
    return "".join(parts)


def recordable(text: str) -> str | None:
    """The text as it is written into an output block (None when there is nothing to show)."""
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else None


def _numbers_match(expected: str, actual: str, tolerance: float) -> bool:
    expected_numbers = _NUMBER.findall(expected)
    actual_numbers = _NUMBER.findall(actual)
    if _NUMBER.sub("#", expected) != _NUMBER.sub("#", actual):
        return False
    if len(expected_numbers) != len(actual_numbers):
        return False
    for a, b in zip(expected_numbers, actual_numbers, strict=True):
        x, y = float(a), float(b)
        if math.isnan(x) and math.isnan(y):
            continue
        if not math.isclose(x, y, rel_tol=tolerance, abs_tol=tolerance):
            return False
    return True


def outputs_match(recorded: str | None, actual: str, options: CellOptions) -> bool:
    if options.compare == "skip":
        return True
    expected, got = normalize(recorded), normalize(actual)
    if expected == got:
        return True
    return options.compare == "numeric" and _numbers_match(expected, got, options.tolerance)


def unified_diff(recorded: str | None, actual: str, label: str) -> str:
    diff = difflib.unified_diff(
        normalize(recorded).splitlines(),
        normalize(actual).splitlines(),
        fromfile=f"{label} (recorded)",
        tofile=f"{label} (now)",
        lineterm="",
    )
    return "\n".join(diff)


@dataclass(frozen=True)
class CellProblem:
    """Why a cell failed verification: a one-line reason and, where useful, details."""

    reason: str
    details: str = ""


def check_cell(cell: Cell, result: CellResult, label: str) -> CellProblem | None:
    """Compare one cell's fresh result with what its lesson records (figures aside)."""
    if result.crash:
        return CellProblem(result.crash)
    if result.not_run:
        return CellProblem("not run: an earlier cell ended the process")
    raises = cell.options.raises
    error = result.error
    if error is not None and not (raises and error.is_a(raises)):
        expected = f" (expected {raises})" if raises else ""
        hint = " (the memory limit was reached)" if error.is_a("MemoryError") else ""
        summary = error.summary.splitlines()[-1] if error.summary else error.type_name
        if len(summary) > 160:
            summary = summary[:157] + "..."
        return CellProblem(f"raised {summary}{hint}{expected}", error.traceback or error.summary)
    if raises and error is None:
        return CellProblem(f"was expected to raise {raises}, but raised nothing")
    actual = output_text(result, cell.options)
    if not outputs_match(cell.recorded.text, actual, cell.options):
        mode = (
            f" (numeric, tolerance {cell.options.tolerance:g})"
            if cell.options.compare == "numeric"
            else ""
        )
        return CellProblem(
            f"output differs from the record{mode}", unified_diff(cell.recorded.text, actual, label)
        )
    if result.truncated:
        return CellProblem("printed more than the output limit; print less")
    return None
