"""Find and load checkpoint definitions: `<lesson>.checks.py` files next to their lessons.

A file that cannot be imported (a syntax error, an exception at import) disables only the
checkpoints it would define, each with the reason; every other checkpoint keeps working.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from mlpath.errors import DefinitionError
from mlpath.grade.model import Checkpoint

CHECKS_SUFFIX = ".checks.py"
# How a file declares its checkpoints; read from the text when the file cannot be imported.
_DECLARED = re.compile(r"""@checkpoint\(\s*["']([^"']+)["']""")


def checks_files(root: Path) -> list[Path]:
    return sorted(root.rglob(f"*{CHECKS_SUFFIX}"))


def import_checks(path: Path, index: int) -> dict[str, object]:
    """Import one checks file and return its globals; errors name the file and line."""
    name = f"mlpath_checks_{index}_{path.name[: -len(CHECKS_SUFFIX)].replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise DefinitionError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except DefinitionError:
        raise
    except SyntaxError as exc:
        raise DefinitionError(f"{path}:{exc.lineno}: SyntaxError: {exc.msg}") from exc
    except Exception as exc:
        line = _line_in(exc, path)
        raise DefinitionError(
            f"{path}:{line}: importing it failed: {type(exc).__name__}: {exc}"
        ) from exc
    return vars(module)


def _line_in(exc: BaseException, path: Path) -> int:
    """The line of the checks file where an import-time exception was raised (1 if unknown)."""
    line = 1
    tb = exc.__traceback__
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename) == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def declared_ids(path: Path) -> list[str]:
    """The checkpoint ids a file declares, read from its text (it may not import)."""
    try:
        return _DECLARED.findall(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


class Checkpoints(Mapping[str, Checkpoint]):
    """Checkpoints by id, and the ones that are unavailable because their file is broken."""

    def __init__(
        self,
        found: dict[str, Checkpoint] | None = None,
        problems: Sequence[str] = (),
        unavailable: Mapping[str, str] | None = None,
    ) -> None:
        self._found = dict(found or {})
        self.problems = list(problems)
        self.unavailable = dict(unavailable or {})

    def __getitem__(self, key: str) -> Checkpoint:
        return self._found[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)


def load_checkpoints(root: Path | None = None, files: Sequence[Path] | None = None) -> Checkpoints:
    """Every checkpoint under the curriculum (or in the given `.checks.py` files), by id.

    Problems (a file that does not import, a duplicate id) are collected in `problems`, with
    file and line; the checkpoints a broken file declares are listed in `unavailable`.
    """
    from mlpath.course.catalog import curriculum_root

    found: dict[str, Checkpoint] = {}
    problems: list[str] = []
    unavailable: dict[str, str] = {}
    chosen = list(files) if files is not None else checks_files(root or curriculum_root())
    for index, path in enumerate(chosen):
        lesson_file = path.with_name(path.name[: -len(CHECKS_SUFFIX)] + ".md")
        try:
            names = import_checks(path, index)
        except DefinitionError as exc:
            problems.append(str(exc))
            for checkpoint_id in declared_ids(path):
                unavailable[checkpoint_id] = str(exc)
            continue
        for value in names.values():
            if not isinstance(value, Checkpoint):
                continue
            if value.id in found:
                other = found[value.id]
                problems.append(
                    f"{value.path}:{value.line}: the checkpoint id '{value.id}' is also defined "
                    f"at {other.path}:{other.line}"
                )
                continue
            value.lesson = str(lesson_file)
            found[value.id] = value
    return Checkpoints(found, problems, unavailable)
