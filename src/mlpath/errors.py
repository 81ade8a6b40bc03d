"""The exceptions a person may see. Each says what went wrong, where, and what to do."""

from __future__ import annotations

from pathlib import Path


class MlpathError(Exception):
    """Base of every error mlpath reports to a person (never shown as a traceback)."""


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


class ExecutorError(MlpathError):
    """The execution machinery itself failed (not the code it ran)."""


class StoreError(MlpathError):
    """The learner database cannot be used; the message names it, says why and what to do."""
