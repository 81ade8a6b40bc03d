"""The catalog: every concept, module and lesson of the course, validated as a whole."""

from __future__ import annotations

import graphlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mlpath import _yaml
from mlpath.course.model import Lesson
from mlpath.course.parser import parse_lesson_file
from mlpath.errors import CatalogError, LessonFormatError

CONCEPTS_FILE = "concepts.yaml"
MODULE_FILE = "module.yaml"
CONCEPT_KEYS = ("id", "title", "area", "essential", "requires")


def curriculum_root() -> Path:
    """The curriculum shipped inside the package."""
    return Path(__file__).resolve().parent.parent / "curriculum"


@dataclass(frozen=True)
class Concept:
    id: str
    title: str
    area: str
    essential: bool
    requires: tuple[str, ...]


@dataclass
class Module:
    slug: str
    title: str
    path: Path
    lessons: list[Lesson] = field(default_factory=list)


@dataclass
class Catalog:
    root: Path
    concepts: dict[str, Concept]
    modules: list[Module]
    problems: list[str] = field(default_factory=list)

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    def teachers(self, path: str = "engineering") -> dict[str, Lesson]:
        """Concept -> the lesson a learner on `path` takes for it: the first that teaches it,
        except that the engineering path prefers a lesson with no research-depth concept (a
        concept taught both by hand-derived backprop and by its engineering twin goes to the
        twin)."""
        found: dict[str, Lesson] = {}
        fallback: dict[str, Lesson] = {}
        for lesson in self.lessons:
            research = any(
                c in self.concepts and not self.concepts[c].essential for c in lesson.meta.teaches
            )
            for concept_id in lesson.meta.teaches:
                if path == "engineering" and research:
                    fallback.setdefault(concept_id, lesson)
                else:
                    found.setdefault(concept_id, lesson)
        return {**fallback, **found}

    def lesson(self, key: str) -> Lesson | None:
        """A lesson by id, by file stem, or by path."""
        for lesson in self.lessons:
            if key in (lesson.meta.id, lesson.path.stem, str(lesson.path)):
                return lesson
        return None


def lesson_files(folder: Path) -> list[Path]:
    """Every lesson file under a folder: Markdown files other than README.md, in path order."""
    return sorted(
        path
        for path in folder.rglob("*.md")
        if path.name != "README.md" and not any(p.startswith(".") for p in path.parts)
    )


def load_concepts(path: Path) -> tuple[dict[str, Concept], list[str]]:
    problems: list[str] = []
    try:
        raw = _yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return {}, [f"{path}: cannot read the concept list ({exc.strerror})"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return {}, [f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}"]
    if not isinstance(raw, list):
        return {}, [f"{path}:1: expected a list of concepts (- {{id: ..., title: ...}})"]
    concepts: dict[str, Concept] = {}
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or any(key not in entry for key in CONCEPT_KEYS):
            problems.append(
                f"{path}: concept #{number} must have the keys {', '.join(CONCEPT_KEYS)}; "
                f"got {entry!r}"
            )
            continue
        concept = Concept(
            id=str(entry["id"]),
            title=str(entry["title"]),
            area=str(entry["area"]),
            essential=bool(entry["essential"]),
            requires=tuple(map(str, entry["requires"])),
        )
        if concept.id in concepts:
            problems.append(f"{path}: the concept id '{concept.id}' is defined twice")
        concepts[concept.id] = concept
    for concept in concepts.values():
        for needed in concept.requires:
            if needed not in concepts:
                problems.append(
                    f"{path}: concept '{concept.id}' requires the unknown concept '{needed}'"
                )
    graph = {c.id: [r for r in c.requires if r in concepts] for c in concepts.values()}
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        cycle = " -> ".join(exc.args[1])
        problems.append(f"{path}: the prerequisites form a cycle: {cycle}")
    return concepts, problems


def _module_title(folder: Path, problems: list[str]) -> str:
    path = folder / MODULE_FILE
    try:
        data: Any = _yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        problems.append(f"{path}: missing; add a file with 'title: <module title>'")
        return folder.name
    except yaml.YAMLError as exc:
        problems.append(f"{path}: not valid YAML: {exc}")
        return folder.name
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        problems.append(f"{path}:1: expected 'title: <module title>'")
        return folder.name
    return str(data["title"])


def _key_line(lesson: Lesson, key: str) -> int:
    for number, line in enumerate(lesson.text.splitlines()[: lesson.front_matter_end], start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def check_lesson(lesson: Lesson, concepts: dict[str, Concept], problems: list[str]) -> None:
    """Append what is wrong with one lesson against the concepts: unknown ids, missing figures."""
    for key, ids in (("teaches", lesson.meta.teaches), ("needs", lesson.meta.needs)):
        for concept_id in ids:
            if concept_id not in concepts:
                problems.append(
                    f"{lesson.path}:{_key_line(lesson, key)}: '{key}' names the unknown concept "
                    f"'{concept_id}'; concepts are listed in {CONCEPTS_FILE}"
                )
    for cell in lesson.cells:
        for figure in cell.recorded.figures:
            if not (lesson.path.parent / figure).exists():
                problems.append(
                    f"{lesson.path}:{cell.line}: the recorded figure {figure} is missing; "
                    "run `mlpath verify --update` on the lesson"
                )


def duplicate_id(lesson: Lesson, other: Path) -> str:
    return (
        f"{lesson.path}:{_key_line(lesson, 'id')}: the lesson id '{lesson.meta.id}' is also "
        f"used by {other}; lesson ids must be unique"
    )


def load_catalog(root: Path | None = None, *, strict: bool = True) -> Catalog:
    """Load and validate the whole curriculum.

    Args:
        root: the curriculum folder (default: the one shipped with mlpath).
        strict: raise `CatalogError` listing every problem; otherwise keep them in `problems`.
    """
    root = root or curriculum_root()
    concepts, problems = load_concepts(root / CONCEPTS_FILE)
    modules: list[Module] = []
    seen: dict[str, Path] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name[:1].isdigit()):
        module = Module(slug=folder.name, title=_module_title(folder, problems), path=folder)
        for path in lesson_files(folder):
            try:
                lesson = parse_lesson_file(path)
            except LessonFormatError as exc:
                problems.append(str(exc))
                continue
            if lesson.meta.id in seen:
                problems.append(duplicate_id(lesson, seen[lesson.meta.id]))
                continue
            seen[lesson.meta.id] = path
            check_lesson(lesson, concepts, problems)
            module.lessons.append(lesson)
        modules.append(module)
    if strict and problems:
        raise CatalogError(problems)
    return Catalog(root=root, concepts=concepts, modules=modules, problems=problems)
