"""The concept graph: prerequisites, ancestors, a stable learning order, redundant edges."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from mlpath.course.catalog import Catalog, Concept


@dataclass(frozen=True)
class ConceptGraph:
    """A DAG over concept ids; edges point from a concept to what it requires."""

    concepts: Mapping[str, Concept]

    @classmethod
    def of_course(cls, catalog: Catalog) -> ConceptGraph:
        """The graph a learner follows: each concept also requires what its lesson (the one the
        planner sends a learner to) `needs`, so that lesson's prerequisites are on every path
        through it. Other lessons that teach the concept again add nothing."""
        needs: dict[str, set[str]] = {}
        for concept, lesson in catalog.teachers().items():
            extra = set(lesson.meta.needs) - set(lesson.meta.teaches)
            needs[concept] = {c for c in extra if c in catalog.concepts}
        merged = {
            cid: replace(
                concept,
                requires=tuple(dict.fromkeys([*concept.requires, *sorted(needs.get(cid, ()))])),
            )
            for cid, concept in catalog.concepts.items()
        }
        return cls(merged)

    def requires(self, concept_id: str) -> tuple[str, ...]:
        return self.concepts[concept_id].requires

    def ancestors(self, concept_id: str) -> dict[str, int]:
        """Every prerequisite, direct or not, with its distance in edges (1 = direct)."""
        distance: dict[str, int] = {}
        frontier = [(r, 1) for r in self.requires(concept_id)]
        while frontier:
            current, hops = frontier.pop()
            if current in distance and distance[current] <= hops:
                continue
            distance[current] = hops
            frontier.extend((r, hops + 1) for r in self.requires(current) if r in self.concepts)
        return distance

    def closure(self, targets: Iterable[str]) -> list[str]:
        """The targets and all their prerequisites, each after everything it requires.

        A depth-first order, so each branch of prerequisites is learned just before the concept
        that needs it (just in time), rather than level by level across the whole graph.
        """
        ordered: list[str] = []
        seen: set[str] = set()

        def visit(concept_id: str) -> None:
            if concept_id in seen:
                return
            seen.add(concept_id)
            for required in self.requires(concept_id):
                if required in self.concepts:
                    visit(required)
            ordered.append(concept_id)

        for target in targets:
            visit(target)
        return ordered

    def dependents(self, concept_id: str) -> set[str]:
        """Every concept that builds on this one, directly or not."""
        return {cid for cid in self.concepts if concept_id in self.ancestors(cid)}

    def redundant_edges(self) -> list[tuple[str, str]]:
        """Edges a -> b where b is already required through another prerequisite of a."""
        redundant: list[tuple[str, str]] = []
        for cid, concept in self.concepts.items():
            for direct in concept.requires:
                others = [r for r in concept.requires if r != direct and r in self.concepts]
                if any(direct in self.ancestors(other) for other in others):
                    redundant.append((cid, direct))
        return redundant
