"""What `explain` finds: each place in the learner's code that uses a concept, with its line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One call, method, attribute or operator that the code map knows.

    Args:
        line: 1-based line where the code starts.
        col: 1-based character column where the code starts.
        code: the code as written (whitespace collapsed, long code shortened).
        qualified: what it resolved to: `numpy.linalg.norm`, `sklearn...StandardScaler.transform`,
            `.mean` (a method on any object), `.T` (an attribute) or `@` (an operator).
        concepts: the concept ids it uses, from the code map.
        says: the map's short phrase for what it computes.
    """

    line: int
    col: int
    code: str
    qualified: str
    concepts: tuple[str, ...]
    says: str


@dataclass(frozen=True)
class Explanation:
    """Every finding in one file, in source order."""

    filename: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concept ids found, each once, in order of first use."""
        return tuple(self.by_concept())

    def by_concept(self) -> dict[str, list[Finding]]:
        """Findings grouped by concept id (a finding with two concepts appears under both)."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            for concept in finding.concepts:
                groups.setdefault(concept, []).append(finding)
        return groups
