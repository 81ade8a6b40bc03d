"""Find and load checkpoint definitions: `<lesson>.checks.py` files next to their lessons."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

from mlpath.grade.model import Checkpoint, DefinitionError

CHECKS_SUFFIX = ".checks.py"


def checks_files(root: Path) -> list[Path]:
    return sorted(root.rglob(f"*{CHECKS_SUFFIX}"))


def _import(path: Path, index: int) -> dict[str, object]:
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
    except Exception as exc:
        raise DefinitionError(f"{path}: importing it failed: {type(exc).__name__}: {exc}") from exc
    return vars(module)


def load_checkpoints(
    root: Path | None = None, files: Sequence[Path] | None = None
) -> dict[str, Checkpoint]:
    """Every checkpoint under the curriculum (or in the given `.checks.py` files), by id.

    Errors name the file and line.
    """
    from mlpath.course.catalog import curriculum_root

    found: dict[str, Checkpoint] = {}
    chosen = list(files) if files is not None else checks_files(root or curriculum_root())
    for index, path in enumerate(chosen):
        lesson_file = path.with_name(path.name[: -len(CHECKS_SUFFIX)] + ".md")
        for value in _import(path, index).values():
            if not isinstance(value, Checkpoint):
                continue
            if value.id in found:
                other = found[value.id]
                raise DefinitionError(
                    f"{value.path}:{value.line}: the checkpoint id '{value.id}' is also defined "
                    f"at {other.path}:{other.line}"
                )
            value.lesson = str(lesson_file)
            found[value.id] = value
    return found
