"""The planner: the least math a learner still needs for a target, in an order that works.

`plan` answers "what is the least math I need for attention, given what I know?": the target's
prerequisites (transitively) that are not yet learned, in topological order, each with the lesson
that teaches it. On the engineering path, research-depth prerequisites are listed apart as
"safe to skip for now".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mlpath import _yaml
from mlpath.course.catalog import Catalog, Concept
from mlpath.errors import MlpathError, UnknownTarget
from mlpath.learn.graph import ConceptGraph

PATHS = ("engineering", "research")
ALIASES_FILE = "aliases.yaml"


@dataclass(frozen=True)
class Step:
    concept: Concept
    lesson_id: str | None
    lesson_title: str | None
    minutes: int | None


@dataclass
class Plan:
    target: str
    targets: list[str]
    steps: list[Step] = field(default_factory=list)
    safe_to_skip: list[Step] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(step.minutes or 0 for step in self.steps)

    def to_dict(self) -> dict[str, Any]:
        def step(item: Step) -> dict[str, Any]:
            return {
                "concept": item.concept.id,
                "title": item.concept.title,
                "essential": item.concept.essential,
                "lesson": item.lesson_id,
                "minutes": item.minutes,
            }

        return {
            "target": self.target,
            "concepts": self.targets,
            "steps": [step(s) for s in self.steps],
            "safe_to_skip": [step(s) for s in self.safe_to_skip],
            "minutes": self.minutes,
            "lessons_missing": sum(1 for s in self.steps if s.lesson_id is None),
        }


def load_aliases(root: Path) -> dict[str, list[str]]:
    path = root / ALIASES_FILE
    try:
        data = _yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise MlpathError(f"{path}: cannot be read as YAML ({exc})") from exc
    return {str(k).lower(): [str(c) for c in v] for k, v in data.items()}


def resolve_target(target: str, catalog: Catalog, aliases: dict[str, list[str]]) -> list[str]:
    """Concept ids for a concept id, a lesson id, or a technique name (case-insensitive)."""
    text = target.strip()
    if text in catalog.concepts:
        return [text]
    lesson = catalog.lesson(text)
    if lesson is not None:
        return list(lesson.meta.teaches)
    key = text.lower()
    if key in aliases:
        return aliases[key]
    for concept in catalog.concepts.values():
        if concept.title.lower() == key:
            return [concept.id]
    # A lesson's id is usually its first concept's: each name once.
    lesson_ids = (lesson.meta.id for lesson in catalog.lessons)
    names = list(dict.fromkeys([*catalog.concepts, *aliases, *lesson_ids]))
    # 0.75: "gradient decent" finds "gradient descent"; a nonsense word finds nothing.
    close = difflib.get_close_matches(key, names, n=5, cutoff=0.75)
    hint = f" Did you mean: {', '.join(close)}?" if close else " Try a concept id like la.matmul."
    raise UnknownTarget(
        f"'{target}' is not a concept, lesson or technique I know.{hint}", suggestions=close
    )


def plan(
    target: str,
    catalog: Catalog,
    known: set[str],
    path: str = "engineering",
    aliases: dict[str, list[str]] | None = None,
) -> Plan:
    """The ordered concepts still to learn for `target`, given the concepts already `known`."""
    targets = resolve_target(target, catalog, aliases or load_aliases(catalog.root))
    return plan_concepts(target, targets, catalog, known, path)


def plan_concepts(
    target: str, targets: list[str], catalog: Catalog, known: set[str], path: str = "engineering"
) -> Plan:
    """The plan for reaching every concept in `targets` (already resolved ids)."""
    graph = ConceptGraph.of_course(catalog)
    teaching = {
        concept_id: (lesson.meta.id, lesson.meta.title, lesson.meta.minutes)
        for concept_id, lesson in catalog.teachers(path).items()
    }
    result = Plan(target=target, targets=targets)
    counted: set[str] = set()
    for concept_id in graph.closure(targets):
        if concept_id in known:
            continue
        concept = catalog.concepts[concept_id]
        taught = teaching.get(concept_id)
        minutes = None
        if taught is not None and taught[0] not in counted:
            counted.add(taught[0])
            minutes = taught[2]
        step = Step(concept, taught[0] if taught else None, taught[1] if taught else None, minutes)
        skippable = path == "engineering" and not concept.essential and concept_id not in targets
        (result.safe_to_skip if skippable else result.steps).append(step)
    return result
