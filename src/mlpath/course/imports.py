"""Which modules a lesson imports, read from its code (never by running it)."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable

from mlpath.course.model import Lesson


def full_imports(codes: Iterable[str]) -> set[str]:
    """Dotted names of the modules imported anywhere in the code (syntax errors are skipped)."""
    names: set[str] = set()
    for code in codes:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


def imported_modules(codes: Iterable[str]) -> set[str]:
    """Top-level names of the modules imported anywhere in the code."""
    return {name.split(".")[0] for name in full_imports(codes)}


def lesson_imports(lesson: Lesson) -> set[str]:
    return imported_modules(cell.code for cell in lesson.cells)


def third_party(modules: Iterable[str]) -> set[str]:
    return {name for name in modules if name not in sys.stdlib_module_names}


def preload_modules(lessons: Iterable[Lesson]) -> list[str]:
    """Third-party modules the lessons import: what a zygote should import before forking."""
    modules = full_imports(cell.code for lesson in lessons for cell in lesson.cells)
    return sorted(m for m in modules if third_party({m.split(".")[0]}))


def missing_extras(lesson: Lesson) -> list[str]:
    """The optional packages the lesson needs (`requires-extras`) that are not installed."""
    import importlib.util

    return [name for name in lesson.meta.requires_extras if importlib.util.find_spec(name) is None]


def extras_note(lesson: Lesson) -> str | None:
    """What a reader is told when a lesson's code cannot run here, or None."""
    missing = missing_extras(lesson)
    if not missing:
        return None
    return (
        f"This lesson needs {', '.join(missing)}, which is not installed: its recorded outputs "
        "are shown, and its cells run once you install mlpath[frameworks]."
    )
