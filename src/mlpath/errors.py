"""The exceptions a person may see. Each says what went wrong, where, and what to do.

Every one derives from `MlpathError`: the CLI prints it as one line (exit 2), the web app renders
it as a page; neither ever shows a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


class MlpathError(Exception):
    """Base of every error mlpath reports to a person (never shown as a traceback)."""


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """' Did you mean a, b?' for the closest choices, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=cutoff)
    return f" Did you mean {', '.join(close)}?" if close else ""


class ConfigError(MlpathError):
    """A setting has a bad value."""


class LessonFormatError(MlpathError):
    """A lesson file does not follow the lesson format.

    Args:
        path: the lesson file.
        line: 1-based line number where the problem is.
        message: what is wrong and what was expected.
    """

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")


class CatalogError(MlpathError):
    """The curriculum as a whole is inconsistent (duplicate ids, unknown concepts, ...).

    Carries every problem found, not only the first, so an author can fix them in one pass.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class CodeMapError(CatalogError):
    """The code map file is malformed. Lists every problem, each naming the file, line and key."""


class ExplainError(MlpathError):
    """The learner's file cannot be read or parsed. Names the file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


class UnknownLesson(MlpathError):
    """No lesson has this id."""


class UnknownCheckpoint(MlpathError):
    """No checkpoint has this id."""


class DefinitionError(MlpathError):
    """A checkpoint definition is wrong (a course author's mistake, not a learner's)."""


class UnknownTarget(MlpathError):
    """The target names no concept, lesson or technique; `suggestions` are close names."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class ExecutorError(MlpathError):
    """The execution machinery itself failed (not the code it ran)."""


class OutputError(MlpathError):
    """A file mlpath was asked to write cannot be written."""


class StoreError(MlpathError):
    """The learner database cannot be used; the message names it, says why and what to do."""
